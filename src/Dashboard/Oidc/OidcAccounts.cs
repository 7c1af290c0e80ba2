using System.Security.Claims;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Oidc;

/// <summary>Why a sign-in with the organisation account was refused; the "geen toegang" page says it in words.</summary>
public enum OidcRefusal
{
    /// <summary>None of the user's groups or app roles is mapped here.</summary>
    NoMapping,
    /// <summary>An Entra "groups overage" token: the groups did not fit in the token.</summary>
    Overage,
    /// <summary>A local account already has this e-mail address (accounts are never linked by e-mail address).</summary>
    EmailTaken,
    /// <summary>The token names no usable e-mail address.</summary>
    NoEmail,
    /// <summary>The provider could not be reached.</summary>
    Unavailable,
    /// <summary>The answer from the provider was refused (state, nonce, audience, lifetime, signature) or the user cancelled.</summary>
    Failed,
    /// <summary>The account is disabled here.</summary>
    Disabled,
}

/// <summary>
/// Links a person signed in at the provider to an account here: by the provider's issuer and its stable subject
/// (<c>oid</c> for Entra, <c>sub</c> otherwise) through Identity's external logins, never by e-mail address. An account
/// is made at the first sign-in only when the person carries a mapped value; each sign-in sets the roles again.
/// </summary>
public sealed class OidcAccounts(UserManager<DashboardUser> users, DashboardDbContext db, AuditTrail audit, IOptions<OidcOptions> options,
    ILogger<OidcAccounts> log)
{
    /// <summary>The issuer and stable subject of a token's claims, or null when one is missing.</summary>
    public static (string Issuer, string Subject)? Identify(ClaimsPrincipal principal)
    {
        var issuer = principal.FindFirstValue("iss") ?? principal.Claims.FirstOrDefault()?.Issuer;
        var subject = principal.FindFirstValue("oid") ?? principal.FindFirstValue("sub");
        return string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject) ? null : (issuer, subject);
    }

    /// <summary>The values of the role claim, and whether the token is an Entra groups overage token (no groups, only a pointer to them).</summary>
    public static (IReadOnlyList<string> Values, bool Overage) Values(ClaimsPrincipal principal, string roleClaim)
    {
        var values = principal.FindAll(roleClaim).SelectMany(c => Split(c.Value)).Where(v => v.Length > 0).Distinct().ToList();
        var overage = values.Count == 0
            && (principal.HasClaim(c => c.Type == "hasgroups" && c.Value.Equals("true", StringComparison.OrdinalIgnoreCase))
                || principal.FindAll("_claim_names").Any(c => c.Value.Contains(roleClaim, StringComparison.Ordinal)));
        return (values, overage);
    }

    /// <summary>A claim may arrive as one value, or as a JSON array in one claim (as some handlers keep them).</summary>
    private static IEnumerable<string> Split(string value)
    {
        if (value.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(value) ?? [];
            }
            catch (JsonException)
            {
            }
        }
        return [value.Trim()];
    }

    /// <summary>The account for <paramref name="external"/>, its roles set to the mapped ones; or why not.</summary>
    public async Task<(DashboardUser? User, OidcRefusal? Refusal)> SignInAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        if (Identify(external) is not var (issuer, subject))
        {
            await RefuseAsync(null, OidcRefusal.Failed, "no issuer or subject", ct);
            return (null, OidcRefusal.Failed);
        }
        var (values, overage) = Values(external, options.Value.RoleClaim);
        var user = await users.FindByLoginAsync(issuer, subject);
        var granted = await RoleMappings.GrantedAsync(db, values, ct);
        if (user is null)
        {
            if (!granted.Any)
            {
                return (null, await RefuseAsync(null, overage ? OidcRefusal.Overage : OidcRefusal.NoMapping, $"{issuer} {subject}", ct));
            }
            var email = external.FindFirstValue("email") ?? external.FindFirstValue("preferred_username") ?? external.FindFirstValue("upn");
            if (email is null || !email.Contains('@') || email.Length > 256)
            {
                return (null, await RefuseAsync(null, OidcRefusal.NoEmail, $"{issuer} {subject}", ct));
            }
            if (await users.FindByEmailAsync(email) is not null)
            {
                return (null, await RefuseAsync(null, OidcRefusal.EmailTaken, $"{issuer} {subject} {email}", ct));
            }
            var name = external.FindFirstValue("name") is { Length: > 0 } n ? n[..Math.Min(n.Length, 200)] : email;
            user = new DashboardUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded || !(await users.AddLoginAsync(user, new UserLoginInfo(issuer, subject, options.Value.DisplayName ?? "OpenID Connect"))).Succeeded)
            {
                return (null, await RefuseAsync(null, OidcRefusal.Failed, string.Join(" ", created.Errors.Select(e => e.Code)), ct));
            }
            await audit.RecordAsync(ActorOf(user), "CreateUser", "User", user.Id, new { user.Email, user.DisplayName, Issuer = issuer, Subject = subject },
                ct: ct);
        }
        if (user.IsDisabled)
        {
            return (null, await RefuseAsync(user, OidcRefusal.Disabled, null, ct));
        }
        var before = await users.GetRolesAsync(user);
        var (_, changed) = await RoleMappings.ApplyAsync(db, users, user, values, overage, ct);
        if (changed)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(ActorOf(user), "SetRolesFromProvider", "User", user.Id,
                new { Roles = granted.Roles.Order().ToList(), Plans = granted.Plans.Order().ToList(), Before = before.Order().ToList() }, ct: ct);
        }
        if (!granted.Any)
        {
            return (null, await RefuseAsync(user, overage ? OidcRefusal.Overage : OidcRefusal.NoMapping, null, ct));
        }
        if (overage)
        {
            log.LogWarning("User {UserId} signed in with a groups overage token: only the mapped values in the token count", user.Id);
        }
        return (user, null);
    }

    /// <summary>How the audit trail names an SSO account's own sign-in and refresh.</summary>
    internal static Actor ActorOf(DashboardUser user) =>
        new(string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName, new HashSet<string>(), "oidc", user.Email, user.Id);

    /// <summary>A refused sign-in, audited and logged; nothing else is changed.</summary>
    public async Task<OidcRefusal> RefuseAsync(DashboardUser? user, OidcRefusal refusal, string? detail, CancellationToken ct)
    {
        log.LogInformation("Sign-in with the organisation account refused: {Refusal} {Detail}", refusal, detail);
        var actor = user is null ? new Actor("Onbekend", new HashSet<string>(), "oidc") : ActorOf(user);
        await audit.RefusedAsync(actor, "OidcSignIn", "User", user?.Id, null, AuditResult.Refused, new { Refusal = refusal.ToString() }, detail, ct);
        return refusal;
    }
}
