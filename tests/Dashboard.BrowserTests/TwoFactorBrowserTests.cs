using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Dashboard.TwoFactor;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// The second factor in a real browser, with Security:RequireTwoFactorFor as it is by default: the shared key read off
/// Mijn account and the codes computed from it (RFC 6238), as an authenticator app would.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class TwoFactorBrowserTests(Browser browser, TwoFactorBrowserTests.Server app) : IClassFixture<TwoFactorBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = TwoFactorOptions.Default };
    }

    private const string SignInFailed = "Aanmelden is niet gelukt. Controleer de code.";

    /// <summary>The password step; the page it ends on (the code step, Mijn account, or the page asked for).</summary>
    private async Task PasswordAsync(IPage page, string email)
    {
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(AppServer.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> CodeAsync(IPage page, string code)
    {
        await page.Locator("#code").FillAsync(code);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        return await page.Locator("main").InnerTextAsync();
    }

    /// <summary>An account whose second factor is on, set up through the service: its key and recovery codes.</summary>
    private async Task<(string Id, string Email, string Key, IReadOnlyList<string> Codes)> WithSecondFactorAsync(string role)
    {
        var (id, email) = await app.CreateUserAsync(role);
        var key = (await app.Get<TwoFactorSetup>().KeyAsync(id))!.SharedKey;
        var done = await app.Get<TwoFactorSetup>().EnableAsync(await app.Get<UserDirectory>().ActorForAsync(id), Totp.Now(key));
        Assert.True(done.Result.Succeeded, done.Result.Message);
        return (id, email, key, done.RecoveryCodes);
    }

    private async Task<T> UsersAsync<T>(string id, Func<UserManager<DashboardUser>, DashboardUser, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return await read(users, (await users.FindByIdAsync(id))!);
    }

    private async Task<List<AuditEntry>> AuditAsync(string id)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.ObjectId == id).OrderBy(a => a.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task ABeheerderWithoutASecondFactor_CanOnlySetItUp_ThenSignsInWithACode()
    {
        var (_, email) = await app.CreateUserAsync(DashboardRoles.Admin);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await PasswordAsync(page, email);

        // Sent to Mijn account, section Tweestapsverificatie, and nowhere else: no page, no screen (the Blazor hub), no write.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage#tweestapsverificatie$"));
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Uw rol vraagt om tweestapsverificatie");
        foreach (var elsewhere in new[] { "/", "/beheer", "/plannen", "/rapportages" })
        {
            await page.GotoAsync(app.BaseUrl + elsewhere);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage#tweestapsverificatie$"));
        }
        var hub = await context.APIRequest.PostAsync(app.BaseUrl + "/_blazor/negotiate?negotiateVersion=1", new() { MaxRedirects = 0 });
        Assert.Equal(403, hub.Status);
        var backup = await context.APIRequest.GetAsync(app.BaseUrl + "/beheer/backup", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, backup.Status);
        await page.AssertAccessibleAsync("two-factor set-up");

        // Set up as with an app: the key off the page, the code computed from it, typed and sent with the keyboard.
        var key = (await page.Locator("#shared-key").InnerTextAsync()).Trim();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-code om de sleutel in uw authenticator-app te zetten" })).ToBeVisibleAsync();
        await page.Locator("#two-factor-code").FillAsync(Totp.Wrong(key));
        await page.Locator("#two-factor-code").PressAsync("Enter");
        await Expect(page.Locator("#two-factor-code-error")).ToHaveTextAsync("Code klopt niet. Vul de code in die de app nu toont.");
        await Expect(page.Locator("#two-factor-code")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertAccessibleAsync("two-factor set-up with a wrong code");
        Assert.Equal(key, (await page.Locator("#shared-key").InnerTextAsync()).Trim());
        await page.Locator("#two-factor-code").FocusAsync();
        await page.Keyboard.TypeAsync(Totp.Now(key));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Tweestapsverificatie staat aan.").First).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync("two-factor recovery codes");
        // Shown once: a reload shows how many are left, not the codes.
        var shown = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Manage");
        await Expect(page.GetByText("U hebt nog 10 ongebruikte herstelcodes.")).ToBeVisibleAsync();
        Assert.DoesNotContain(shown[0].Trim(), await page.ContentAsync());
        // This browser stayed signed in and now reaches the dashboard.
        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Beheer");

        // Another browser: the password, then the code.
        await using var other = await browser.NewAnonymousContextAsync(app);
        var second = await other.NewPageAsync();
        await PasswordAsync(second, email);
        await Expect(second).ToHaveURLAsync(new Regex("/Account/Login/Code"));
        await second.AssertAccessibleAsync("two-factor code step");
        await CodeAsync(second, Totp.Now(key));
        await second.WaitForInteractiveAsync();
        await Expect(second.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }

    [SkippableFact]
    public async Task FiveWrongCodes_LockTheAccount_TheRightCodeIsThenRefusedTheSameWay_EachAudited_NothingElseChanged()
    {
        var (id, email, key, _) = await WithSecondFactorAsync(DashboardRoles.Manager);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await PasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login/Code"));

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await CodeAsync(page, Totp.Wrong(key, i)));
        }
        await page.AssertAccessibleAsync("two-factor code refused");
        var afterLockout = await CodeAsync(page, Totp.Now(key));

        Assert.All(answers, a => Assert.Contains(SignInFailed, a));
        Assert.Equal(answers[0], afterLockout);
        Assert.Contains("/Account/Login/Code", page.Url);
        Assert.True(await UsersAsync(id, (users, user) => users.IsLockedOutAsync(user)));
        Assert.True(await UsersAsync(id, (users, user) => users.GetTwoFactorEnabledAsync(user)));
        Assert.Equal(10, await UsersAsync(id, (users, user) => users.CountRecoveryCodesAsync(user)));
        var refused = (await AuditAsync(id)).Where(a => a.Action == "TwoFactorSignIn").ToList();
        Assert.Equal(6, refused.Count);
        Assert.All(refused, a => Assert.Equal(AuditResult.Refused, a.Result));
        Assert.Contains("\"LockedOut\":true", refused[^1].NewValues);
        // A locked account gets nowhere with the password either.
        await using var again = await browser.NewAnonymousContextAsync(app);
        var retry = await again.NewPageAsync();
        await retry.GotoAsync($"{app.BaseUrl}/Account/Login");
        await retry.Locator("#email").FillAsync(email);
        await retry.Locator("#password").FillAsync(AppServer.Password);
        await retry.Locator("button[type=submit]").ClickAsync();
        await Expect(retry.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden is niet gelukt");
    }

    [SkippableFact]
    public async Task ARecoveryCode_SignsInOnce_AndIsRefusedTheSecondTime_Audited()
    {
        var (id, email, _, codes) = await WithSecondFactorAsync(DashboardRoles.Manager);
        await using (var context = await browser.NewAnonymousContextAsync(app))
        {
            var page = await context.NewPageAsync();
            await PasswordAsync(page, email);
            await CodeAsync(page, codes[3].ToLowerInvariant());
            await page.WaitForInteractiveAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        }

        await using var later = await browser.NewAnonymousContextAsync(app);
        var second = await later.NewPageAsync();
        await PasswordAsync(second, email);
        var answer = await CodeAsync(second, codes[3]);

        Assert.Contains(SignInFailed, answer);
        Assert.Contains("/Account/Login/Code", second.Url);
        Assert.Equal(9, await UsersAsync(id, (users, user) => users.CountRecoveryCodesAsync(user)));
        var audit = await AuditAsync(id);
        Assert.Equal(AuditResult.Success, Assert.Single(audit, a => a.Action == "UseRecoveryCode").Result);
        Assert.Equal(AuditResult.Refused, Assert.Single(audit, a => a.Action == "TwoFactorSignIn").Result);
        Assert.DoesNotContain(codes[3], string.Join(" ", audit.Select(a => a.NewValues + a.Message)));
    }

    [SkippableFact]
    public async Task TheCodeStep_WithoutAPasswordFirst_SendsBackToSignIn_AndBadInputNamesTheField()
    {
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login/Code");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Uw aanmelding is verlopen of niet begonnen.");

        var (id, email, _, _) = await WithSecondFactorAsync(DashboardRoles.Manager);
        await PasswordAsync(page, email);
        var answer = await CodeAsync(page, "12 34");

        Assert.Contains("Code moet uit 6 cijfers bestaan.", answer);
        await Expect(page.Locator("#code")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertAccessibleAsync("two-factor code with a field error");
        Assert.Equal(0, await UsersAsync(id, (users, user) => users.GetAccessFailedCountAsync(user)));
    }

    [SkippableFact]
    public async Task ABeheerder_ResetsAUsersSecondFactor_InBeheer_Audited()
    {
        var (id, email, _, _) = await WithSecondFactorAsync(DashboardRoles.Manager);
        var (_, admin, adminKey, _) = await WithSecondFactorAsync(DashboardRoles.Admin);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await PasswordAsync(page, admin);
        await CodeAsync(page, Totp.Now(adminKey));
        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");

        var row = page.Locator($"tr[data-user='{email}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Tweestapsverificatie resetten" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Tweestapsverificatie van {email} resetten?");
        await page.AssertAccessibleAsync("reset two-factor dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Tweestapsverificatie resetten" }).ClickAsync();

        await Expect(page.GetByText($"De tweestapsverificatie van {email} is gereset.")).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Tweestapsverificatie resetten" })).ToHaveCountAsync(0);
        Assert.False(await UsersAsync(id, (users, user) => users.GetTwoFactorEnabledAsync(user)));
        var audit = Assert.Single(await AuditAsync(id), a => a.Action == "ResetTwoFactor");
        Assert.Equal(AuditResult.Success, audit.Result);
        // A manager needs no second factor: the password alone signs in again.
        await using var user = await browser.NewAnonymousContextAsync(app);
        var theirs = await user.NewPageAsync();
        await theirs.SignInAsync(app, email, AppServer.Password);
        await Expect(theirs.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }
}

/// <summary>The README's demo: in Development the demo accounts sign in with a password alone, whatever the rule says.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class TwoFactorDemoBrowserTests(Browser browser, TwoFactorDemoBrowserTests.Server app) : IClassFixture<TwoFactorDemoBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override string EnvironmentName => "Development";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = TwoFactorOptions.Default };
    }

    [SkippableTheory]
    [InlineData("beheerder@demo.local", "beheer het demo dashboard")]
    [InlineData("vaststeller@demo.local", "stel de rapportage vast")]
    public async Task ADemoAccountOfARequiredRole_SignsInWithItsPasswordAlone(string email, string password)
    {
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await page.SignInAsync(app, email, password);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        await using var scope = app.Services.CreateAsyncScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
        Assert.NotEmpty((await app.Get<UserDirectory>().ActorForAsync(id)).Roles);
    }
}
