using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// The manager who clicks Opslaan in Chromium (Scenarios/ClickingManager): an account with the manager role, a redacteur
/// of every plan, signing in with a password alone, as a manager of the municipality would be.
/// </summary>
public static class BenchManager
{
    public const string Email = "manager@bench.local";
    public const string Password = "klik op opslaan in de benchmark";

    public static async Task CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByEmailAsync(Email) is not null)
        {
            return;
        }
        var user = new DashboardUser { UserName = Email, Email = Email, DisplayName = "Manager (benchmark)", EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The benchmark's manager was not created: " + string.Join(" ", created.Errors.Select(e => e.Code)));
        }
        await users.AddToRoleAsync(user, DashboardRoles.Manager);
        await TwoFactorRule.ExemptAsync(users, user, "benchmark");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.PlanEditors.AddRange(await db.Plans.Select(p => new PlanEditorship { PlanId = p.Id, UserId = user.Id }).ToListAsync());
        await db.SaveChangesAsync();
    }
}
