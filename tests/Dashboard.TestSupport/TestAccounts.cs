using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

public static class TestAccounts
{
    /// <summary>
    /// Makes the accounts that in-process <paramref name="actors"/> name by <see cref="Actor.UserId"/> (an actor without one
    /// answers to its roles alone), with the actor's roles; a manager is redacteur of every plan there is now. The service
    /// decides on the account, as it does for everyone signed in, so a test's preparer and vaststeller are real people.
    /// </summary>
    public static async Task ForAsync(IServiceProvider services, params Actor[] actors)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var dbs = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        foreach (var actor in actors.Where(a => a.UserId is not null).DistinctBy(a => a.UserId))
        {
            var id = actor.UserId!;
            if (await users.FindByIdAsync(id) is null)
            {
                var email = $"{id}@gemeente.test";
                var user = new DashboardUser { Id = id, UserName = email, Email = email, DisplayName = actor.Name, EmailConfirmed = true };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
                }
                await users.AddToRolesAsync(user, actor.Roles);
            }
            if (actor.Roles.Contains(DashboardRoles.Manager))
            {
                await using var db = await dbs.CreateDbContextAsync();
                db.PlanEditors.AddRange(await db.Plans.Where(p => !p.Editors.Any(e => e.UserId == id))
                    .Select(p => new PlanEditorship { PlanId = p.Id, UserId = id }).ToListAsync());
                await db.SaveChangesAsync();
            }
        }
    }
}
