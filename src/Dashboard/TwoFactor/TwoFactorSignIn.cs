using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.TwoFactor;

/// <summary>How the second step of a sign-in ended.</summary>
public enum CodeSignInOutcome
{
    SignedIn,
    /// <summary>Bad input (no code, not a code): the field says why; no attempt was counted.</summary>
    Invalid,
    /// <summary>A wrong code, a used recovery code, a locked account: one answer for all, counted toward the lockout.</summary>
    Refused,
    /// <summary>No password step before this one (or it is too long ago): sign in again.</summary>
    NoSignInStarted,
}

public sealed record CodeSignInResult(CodeSignInOutcome Outcome, string? Message = null);

/// <summary>
/// The second step of signing in with a password: a code from the authenticator app, or one of the recovery codes.
/// Identity's two-factor sign-in does the work (a wrong authenticator code counts toward the lockout, as a wrong password
/// does); a recovery code is counted the same way here, and refused while the account is locked. Every refusal and every
/// used recovery code is audited, never with the code in it.
/// </summary>
public sealed class TwoFactorSignIn(
    SignInManager<DashboardUser> signIn,
    UserManager<DashboardUser> users,
    UserDirectory directory,
    EditorKit kit,
    TwoFactorSetup setup,
    ILogger<TwoFactorSignIn> log)
{
    private const string Origin = "web: aanmelden";
    private const string Type = "User";

    /// <summary>Whether a password step is waiting for its code (else the code page sends the person back).</summary>
    public async Task<bool> StartedAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<CodeSignInResult> SignInAsync(string? code)
    {
        const string action = "TwoFactorSignIn";
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.IsDisabled)
        {
            return new(CodeSignInOutcome.NoSignInStarted, kit.L["TwoFactor.SignInExpired"]);
        }
        var actor = await directory.ActorForAsync(user.Id, Origin);
        var write = new Write(actor, action, Type, user.Id, new { });
        // Six digits are an authenticator code; anything else of a code's size is a recovery code (XXXXX-XXXXX).
        var text = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        var recovery = text.Length is > 0 and <= 32 && !text.All(char.IsAsciiDigit);
        var errors = kit.NewErrors();
        var digits = recovery ? null : setup.Code(errors, text);
        if (errors.Any)
        {
            var invalid = await kit.InvalidAsync(write, errors, default);
            return new(CodeSignInOutcome.Invalid, invalid.ErrorFor("Code"));
        }

        SignInResult result;
        if (recovery)
        {
            // Identity's recovery sign-in neither looks at nor adds to the lockout: here it does both, as for any code.
            if (await users.IsLockedOutAsync(user))
            {
                result = SignInResult.LockedOut;
            }
            else
            {
                var left = await users.CountRecoveryCodesAsync(user);
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(text.ToUpperInvariant());
                if (result.Succeeded)
                {
                    await kit.Audit.RecordAsync(actor, "UseRecoveryCode", Type, user.Id, new { RecoveryCodesLeft = left - 1 });
                }
                else
                {
                    await users.AccessFailedAsync(user);
                }
            }
        }
        else
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(digits!, isPersistent: false, rememberClient: false);
        }

        if (result.Succeeded)
        {
            log.LogInformation("User {UserId} signed in with a second factor", user.Id);
            return new(CodeSignInOutcome.SignedIn);
        }
        // One answer for a wrong code, a used recovery code and a locked account.
        var message = kit.L["TwoFactor.SignInFailed"];
        var lockedOut = result.IsLockedOut || await users.IsLockedOutAsync(user);
        log.LogInformation("Second factor refused for user {UserId} (locked out: {LockedOut})", user.Id, lockedOut);
        await kit.Audit.RefusedAsync(actor, action, Type, user.Id, null, AuditResult.Refused,
            new { Kind = recovery ? "recovery code" : "authenticator code", LockedOut = lockedOut }, message);
        return new(CodeSignInOutcome.Refused, message);
    }

    /// <summary>After switching the factor on (a new security stamp): this browser's sign-in anew, so it stays signed in.</summary>
    public async Task RefreshAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
