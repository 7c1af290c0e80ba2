using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services;

/// <summary>Turns a signed-in user into an <see cref="Actor"/> with the roles the database holds now.</summary>
public sealed class UserDirectory(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>
    /// The user's current name and roles, read fresh on every call so that a role change or a disabled
    /// account counts from the very next save. A disabled or unknown user has no roles.
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
        return new Actor(name, user.IsDisabled ? new HashSet<string>() : user.Roles.ToHashSet(), origin, user.Email);
    }
}
