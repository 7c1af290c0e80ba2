using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Users;

/// <summary>An account that can own a spearpoint, as the owner list shows it.</summary>
public sealed record OwnerOption(string Id, string Name, string Email);

/// <summary>Turns a signed-in user into an <see cref="Actor"/> with the roles the database holds now.</summary>
public sealed class UserDirectory(IDbContextFactory<DashboardDbContext> dbFactory, TwoFactorRule twoFactor)
{
    /// <summary>
    /// The user's current name and roles, read fresh on every call so that a role change or a disabled
    /// account counts from the very next save. A disabled or unknown user has no roles, and neither has an account
    /// that must set up its second factor first (<see cref="TwoFactorRule"/>) until it has.
    /// </summary>
    public async Task<Actor> ActorForAsync(string? userId, string origin = "web", CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return Actor.Anonymous;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.DisplayName,
                u.Email,
                u.IsDisabled,
                u.TwoFactorEnabled,
                HasPassword = u.PasswordHash != null,
                Exempt = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == TwoFactorRule.ExemptClaim),
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return Actor.Anonymous;
        }
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? userId : user.DisplayName;
        var hasNoRoles = user.IsDisabled || twoFactor.MustSetUp(user.Roles, user.TwoFactorEnabled, user.HasPassword, user.Exempt);
        return new Actor(name, hasNoRoles ? new HashSet<string>() : user.Roles.ToHashSet(), origin, user.Email, userId);
    }

    /// <summary>The accounts that may own a spearpoint: enabled managers and beheerders, by name.</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = await Owners(db).Select(u => new OwnerOption(u.Id, u.DisplayName != "" ? u.DisplayName : u.Email ?? u.Id, u.Email ?? ""))
            .ToListAsync(ct);
        return owners.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Whether the account may own a spearpoint now (see <see cref="OwnersAsync"/>).</summary>
    public static Task<bool> IsOwnerAsync(DashboardDbContext db, string userId, CancellationToken ct) =>
        Owners(db).AnyAsync(u => u.Id == userId, ct);

    /// <summary>The enabled raadsleden with an address: who the council's messages (digests, rapportages, round-ups of answers) can go to.</summary>
    public static IQueryable<DashboardUser> CouncilMembers(DashboardDbContext db) =>
        db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == DashboardRoles.CouncilMember)));

    /// <summary>The rule of <see cref="OwnersAsync"/> as a query (the mail reminders go to these accounts only).</summary>
    public static IQueryable<DashboardUser> Owners(DashboardDbContext db) =>
        db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == DashboardRoles.Manager || r.Name == DashboardRoles.Admin))));
}
