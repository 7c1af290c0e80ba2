using System.Security.Claims;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Oidc;

/// <summary>
/// At each revalidation of an open screen (Security:RevalidationInterval) an SSO session redeems its refresh token at the
/// provider's token endpoint, reads the roles again from the new ID token, and applies the mappings. A group change at
/// the provider so counts from the next revalidation. A refused or failed refresh ends the session: its tokens are
/// removed and the account gets a new security stamp, so every screen and browser of it signs out.
/// </summary>
public sealed class OidcRefresher(IServiceScopeFactory scopes, IOptionsMonitor<OpenIdConnectOptions> handlerOptions, IOptions<OidcOptions> options,
    ILogger<OidcRefresher> log)
{
    /// <summary>The claim in the sign-in cookie that names the SSO session (its tokens in the user tokens table).</summary>
    public const string SessionClaim = "oidc_session";

    public static string RefreshTokenName(string session) => "refresh_token:" + session;
    public static string IdTokenName(string session) => "id_token:" + session;

    /// <summary>True while the session may go on: the refresh succeeded and the account still holds a mapped right, unchanged.</summary>
    public async Task<bool> RefreshAsync(DashboardUser user, string session, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        user = await users.FindByIdAsync(user.Id) ?? user;
        var refreshToken = await users.GetAuthenticationTokenAsync(user, OidcOptions.Scheme, RefreshTokenName(session));
        if (refreshToken is null)
        {
            return await EndAsync(users, user, session, "no refresh token", scope, ct);
        }
        ClaimsPrincipal principal;
        string? newRefresh, idToken;
        try
        {
            var handler = handlerOptions.Get(OidcOptions.Scheme);
            var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(ct);
            using var response = await handler.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.Value.ClientId!,
                ["client_secret"] = options.Value.ClientSecret ?? "",
            }), ct);
            if (!response.IsSuccessStatusCode)
            {
                return await EndAsync(users, user, session, $"refresh refused ({(int)response.StatusCode})", scope, ct);
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            newRefresh = json.RootElement.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
            idToken = json.RootElement.TryGetProperty("id_token", out var i) ? i.GetString() : null;
            if (idToken is null)
            {
                // No new ID token (a provider may leave it out): the roles stay as the last one said until the next sign-in.
                await StoreAsync(users, user, session, newRefresh, null);
                return true;
            }
            var validated = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = options.Value.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
            });
            if (!validated.IsValid)
            {
                return await EndAsync(users, user, session, "refreshed ID token invalid: " + validated.Exception?.Message, scope, ct);
            }
            principal = new ClaimsPrincipal(validated.ClaimsIdentity);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            return await EndAsync(users, user, session, "provider unreachable: " + e.Message, scope, ct);
        }
        var logins = await users.GetLoginsAsync(user);
        if (OidcAccounts.Identify(principal) is not var (issuer, subject) || !logins.Any(l => l.LoginProvider == issuer && l.ProviderKey == subject))
        {
            return await EndAsync(users, user, session, "refreshed ID token names another subject", scope, ct);
        }
        await StoreAsync(users, user, session, newRefresh, idToken);
        var (values, overage) = OidcAccounts.Values(principal, options.Value.RoleClaim);
        var (granted, changed) = await RoleMappings.ApplyAsync(db, users, user, values, overage, ct);
        if (changed)
        {
            await users.UpdateSecurityStampAsync(user);
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(OidcAccounts.ActorOf(user), "SetRolesFromProvider", "User", user.Id,
                new { Roles = granted.Roles.Order().ToList(), Plans = granted.Plans.Order().ToList() }, "refresh", ct);
        }
        return !changed && granted.Any;
    }

    private static async Task StoreAsync(UserManager<DashboardUser> users, DashboardUser user, string session, string? refresh, string? idToken)
    {
        if (refresh is not null)
        {
            await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, RefreshTokenName(session), refresh);
        }
        if (idToken is not null)
        {
            await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, IdTokenName(session), idToken);
        }
    }

    private async Task<bool> EndAsync(UserManager<DashboardUser> users, DashboardUser user, string session, string reason, AsyncServiceScope scope,
        CancellationToken ct)
    {
        log.LogInformation("SSO session of user {UserId} ended: {Reason}", user.Id, reason);
        await RemoveSessionAsync(users, user, session);
        await users.UpdateSecurityStampAsync(user);
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(OidcAccounts.ActorOf(user), "OidcSessionEnded", "User", user.Id, new { Reason = reason }, ct: ct);
        return false;
    }

    public static async Task RemoveSessionAsync(UserManager<DashboardUser> users, DashboardUser user, string session)
    {
        await users.RemoveAuthenticationTokenAsync(user, OidcOptions.Scheme, RefreshTokenName(session));
        await users.RemoveAuthenticationTokenAsync(user, OidcOptions.Scheme, IdTokenName(session));
    }
}
