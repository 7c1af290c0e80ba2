using System.Text;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Cli;

/// <summary>
/// create-admin --email &lt;address&gt; [--name &lt;display name&gt;]: the first beheerder. The password comes
/// from DASHBOARD_ADMIN_PASSWORD or is asked for (twice, not shown); never from a file in the repository. With the
/// default Security:RequireTwoFactorFor the beheerder sets up a second factor at the first sign-in (Dashboard.TwoFactor).
/// </summary>
public static class CreateAdminCommand
{
    public const string PasswordVariable = "DASHBOARD_ADMIN_PASSWORD";

    /// <summary>Run after the database is up to date and the roles exist (DashboardCommands sees to both).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Actor actor, string email, string? displayName)
    {
        var name = displayName ?? "Beheerder";
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = Ask("Wachtwoord: ");
            if (Ask("Nog een keer: ") != password)
            {
                Console.Error.WriteLine("De wachtwoorden zijn niet gelijk. Er is niets aangemaakt.");
                return 1;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            Console.Error.WriteLine($"Er bestaat al een account voor {email}. Er is niets gewijzigd.");
            return 1;
        }
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                Console.Error.WriteLine(error.Description);
            }
            return 1;
        }
        await users.AddToRoleAsync(user, DashboardRoles.Admin);
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(actor, "CreateUser", "User", user.Id,
            new { Email = email, DisplayName = name, Role = DashboardRoles.Admin }, "create-admin");
        Console.WriteLine($"Beheerder {email} is aangemaakt. Meld u aan op /Account/Login.");
        if (scope.ServiceProvider.GetRequiredService<TwoFactorRule>().RequiredRoles.Contains(DashboardRoles.Admin))
        {
            // Security:RequireTwoFactorFor (by default beheerder and vaststeller): the first sign-in sets up the second factor.
            Console.WriteLine("Bij de eerste aanmelding stelt u tweestapsverificatie in, met een authenticator-app.");
        }
        return 0;
    }

    private static string Ask(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? "";
        }
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
