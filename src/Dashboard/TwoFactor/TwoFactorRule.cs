using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.TwoFactor;

/// <summary>The part of the "Security" section about the second factor.</summary>
public sealed class TwoFactorOptions
{
    public const string Default = $"{DashboardRoles.Admin},{DashboardRoles.Releaser}";

    /// <summary>
    /// The roles (comma-separated) whose local accounts must set up an authenticator before they can do anything else.
    /// Empty: nobody must (anyone may still set one up on Mijn account). Not set, or null: the default.
    /// </summary>
    public string? RequireTwoFactorFor { get; set; } = Default;

    public IReadOnlySet<string> Roles =>
        (RequireTwoFactorFor ?? Default).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Who must set up a second factor before anything else: a local account (one with a password) holding a role of
/// Security:RequireTwoFactorFor, with no authenticator yet, and not marked exempt (the Development demo accounts).
/// Until it has one, the account reaches only Mijn account (<see cref="TwoFactorSetupGate"/>) and counts as having no
/// roles for every write (<see cref="Users.UserDirectory"/>).
/// </summary>
public sealed class TwoFactorRule(IOptionsMonitor<TwoFactorOptions> options, IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>A user claim that frees an account from the rule; the demo accounts in Development carry it.</summary>
    public const string ExemptClaim = "dashboard:two_factor_exempt";

    public IReadOnlySet<string> RequiredRoles => options.CurrentValue.Roles;

    /// <summary>Frees an account from the rule (once; a second call changes nothing).</summary>
    public static async Task ExemptAsync(UserManager<DashboardUser> users, DashboardUser user, string why)
    {
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == ExemptClaim))
        {
            await users.AddClaimAsync(user, new System.Security.Claims.Claim(ExemptClaim, why));
        }
    }

    /// <summary>Whether an account with these facts must set up its second factor now.</summary>
    public bool MustSetUp(IEnumerable<string> roles, bool twoFactorEnabled, bool hasPassword, bool exempt) =>
        !twoFactorEnabled && hasPassword && !exempt && roles.Any(RequiredRoles.Contains);

    /// <summary>The same question for a stored account, in one query; an unknown account need not.</summary>
    public async Task<bool> MustSetUpAsync(string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || RequiredRoles.Count == 0)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.TwoFactorEnabled,
                HasPassword = u.PasswordHash != null,
                Exempt = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == ExemptClaim),
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return user is not null && MustSetUp(user.Roles, user.TwoFactorEnabled, user.HasPassword, user.Exempt);
    }
}
