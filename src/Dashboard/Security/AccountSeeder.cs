using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>A demo account from appsettings.Development.json.</summary>
public sealed class DemoAccount
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>
/// Makes sure the roles exist and, only in Development and only together with the demo data,
/// creates one demo account per role (Dashboard:DemoAccounts), exempt from a required second factor.
/// Runs after the database is migrated.
/// </summary>
public sealed class AccountSeeder(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IConfiguration configuration,
    IOptions<DashboardOptions> options,
    ILogger<AccountSeeder> log) : IHostedLifecycleService
{
    public static async Task EnsureRolesAsync(IServiceScopeFactory scopes)
    {
        foreach (var role in DashboardRoles.All)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment made it (its unique name refused ours): fine, if it is there now.
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }

    public async Task StartingAsync(CancellationToken ct)
    {
        await EnsureRolesAsync(scopes);
        await using var scope = scopes.CreateAsyncScope();

        if (!environment.IsDevelopment() || !options.Value.SeedDemoData)
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        foreach (var demo in configuration.GetSection("Dashboard:DemoAccounts").Get<DemoAccount[]>() ?? [])
        {
            if (await users.FindByEmailAsync(demo.Email) is { } existing)
            {
                await TwoFactorRule.ExemptAsync(users, existing, "demo");
                await EditDemoPlansAsync(scope, existing, ct);
                continue;
            }
            if (!DashboardRoles.All.Contains(demo.Role))
            {
                continue;
            }
            var user = new DashboardUser { UserName = demo.Email, Email = demo.Email, DisplayName = demo.DisplayName, EmailConfirmed = true };
            var created = await users.CreateAsync(user, demo.Password);
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(user, demo.Role);
                // The README's demo signs in with a password alone, whatever Security:RequireTwoFactorFor says.
                await TwoFactorRule.ExemptAsync(users, user, "demo");
                log.LogInformation("Created demo account {Email} ({Role})", demo.Email, demo.Role);
                await EditDemoPlansAsync(scope, user, ct);
            }
            else
            {
                log.LogWarning("Demo account {Email} not created: {Errors}", demo.Email, string.Join(" ", created.Errors.Select(e => e.Code)));
            }
        }
    }

    /// <summary>
    /// A demo manager account is a redacteur of the demo plans (seeded before the accounts, so nobody created them), and
    /// so changes them as the README shows. It also owns the spearpoints of the demo plans not yet ended whose owner's role
    /// title is its display name, so that the running demo plan's reminders reach it; the letter's plan, long ended, stays as it is.
    /// </summary>
    private static async Task EditDemoPlansAsync(AsyncServiceScope scope, DashboardUser user, CancellationToken ct)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (!await users.IsInRoleAsync(user, DashboardRoles.Manager))
        {
            return;
        }
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Data.DashboardDbContext>>().CreateDbContextAsync(ct);
        var plans = await db.Plans.Where(p => p.IsDemo && !p.Editors.Any(e => e.UserId == user.Id)).Select(p => p.Id).ToListAsync(ct);
        db.PlanEditors.AddRange(plans.Select(id => new PlanEditorship { PlanId = id, UserId = user.Id }));
        var today = scope.ServiceProvider.GetRequiredService<DashboardClock>().Today;
        foreach (var spearpoint in await db.Spearpoints.Where(s => s.Plan!.IsDemo && s.Plan.EndDate >= today
                     && s.OwnerId == null && s.OwnerRole == user.DisplayName).ToListAsync(ct))
        {
            spearpoint.OwnerId = user.Id;
        }
        await db.SaveChangesAsync(ct);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
