using System.Text;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.TwoFactor;

/// <summary>What Mijn account shows about a person's second factor.</summary>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required);

/// <summary>The shared key of an authenticator that is being set up: as text (groups of four) and as the otpauth address its QR code holds.</summary>
public sealed record AuthenticatorKey(string SharedKey, string Address);

/// <summary>The answer to a change that makes recovery codes: they are shown this once and never again.</summary>
public sealed record RecoveryCodesResult(SaveResult Result, IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// A person sets up their own second factor on Mijn account (Identity's authenticator: TOTP, RFC 6238): a shared key
/// shown as text and QR code, switched on by a code the app computes from it, with ten recovery codes shown once.
/// Only the signed-in person changes their own factor (a beheerder can only reset it: <see cref="Users.UserAdministration"/>);
/// every change and every refusal is audited, never with a code in it.
/// </summary>
public sealed class TwoFactorSetup(IServiceScopeFactory scopes, EditorKit kit, TwoFactorRule rule)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Voortgangsdashboard";
    private const string Type = "User";

    public async Task<TwoFactorStatus> StatusAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return new TwoFactorStatus(false, 0, false);
        }
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        return new TwoFactorStatus(enabled, enabled ? await users.CountRecoveryCodesAsync(user) : 0, await rule.MustSetUpAsync(userId, ct));
    }

    /// <summary>The key to set up with: the one made earlier if the person has not finished, a new one otherwise. Not for an account that has one working.</summary>
    public async Task<AuthenticatorKey?> KeyAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByIdAsync(userId) is not { } user || await users.GetTwoFactorEnabledAsync(user))
        {
            return null;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key is not yet a working factor: nothing to audit until it is switched on. Stored without
            // Identity's ResetAuthenticatorKeyAsync, whose new security stamp would sign this very browser out.
            var keys = (IUserAuthenticatorKeyStore<DashboardUser>)scope.ServiceProvider.GetRequiredService<IUserStore<DashboardUser>>();
            key = users.GenerateNewAuthenticatorKey();
            await keys.SetAuthenticatorKeyAsync(user, key, ct);
            await users.UpdateAsync(user);
        }
        var email = await users.GetEmailAsync(user) ?? userId;
        var label = Uri.EscapeDataString($"{Issuer}:{email}");
        return new AuthenticatorKey(Grouped(key!), $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
    }

    /// <summary>Switches the authenticator on with a code it computed now; answers the ten recovery codes.</summary>
    public async Task<RecoveryCodesResult> EnableAsync(Actor actor, string? code, CancellationToken ct = default)
    {
        const string action = "EnableTwoFactor";
        var write = new Write(actor, action, Type, actor.UserId, new { });
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (actor.UserId is null || await users.FindByIdAsync(actor.UserId) is not { } user)
        {
            return new(await kit.ForbiddenAsync(write, ct), []);
        }
        var errors = kit.NewErrors();
        var digits = Code(errors, code);
        if (digits is not null && await users.GetTwoFactorEnabledAsync(user))
        {
            errors.Add("Code", kit.L["TwoFactor.AlreadyOn"]);
        }
        else if (digits is not null
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            errors.Add("Code", kit.L["TwoFactor.CodeWrong"]);
        }
        if (errors.Any)
        {
            return new(await kit.InvalidAsync(write, errors, ct), []);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        kit.Audit.Add(db, actor, action, Type, user.Id, null, new { TwoFactorEnabled = false }, new { TwoFactorEnabled = true, RecoveryCodes = codes.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(kit.Saved(), codes);
    }

    /// <summary>Ten new recovery codes; the earlier ones stop working.</summary>
    public async Task<RecoveryCodesResult> NewRecoveryCodesAsync(Actor actor, CancellationToken ct = default)
    {
        const string action = "NewRecoveryCodes";
        var write = new Write(actor, action, Type, actor.UserId, new { });
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (actor.UserId is null || await users.FindByIdAsync(actor.UserId) is not { } user || !await users.GetTwoFactorEnabledAsync(user))
        {
            return new(await kit.ForbiddenAsync(write, ct), []);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        kit.Audit.Add(db, actor, action, Type, user.Id, null, null, new { RecoveryCodes = codes.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(kit.Saved(), codes);
    }

    /// <summary>
    /// Six digits, spaces allowed (apps show "123 456"); null with the error when not. Shared with the sign-in step.
    /// </summary>
    public string? Code(FieldErrors errors, string? code)
    {
        var digits = new string((code ?? "").Where(c => c != ' ').ToArray());
        if (digits.Length == 0)
        {
            errors.Add("Code", kit.L["Validation.Required", errors.Label("Code")]);
            return null;
        }
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            errors.Add("Code", kit.L["TwoFactor.CodeSixDigits"]);
            return null;
        }
        return digits;
    }

    /// <summary>"JBSW Y3DP EHPK 3PXP ...": easier to type into an app that cannot scan.</summary>
    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd();
    }
}
