using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Oidc;
using Dashboard.Tests.Support.Oidc;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// Sign-in with the organisation account, end to end through a real OpenID Connect provider (the test provider, on its
/// own port): a person in a mapped group lands as manager, one without a mapping is refused, a mapping removed refuses
/// the next write, sign-out ends both sessions; forged, replayed and spoilt answers are refused and audited. Open screens
/// revalidate only every ten minutes here, so what refuses a write is the service, not a signed-out screen.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class OidcBrowserTests(Browser browser, OidcBrowserTests.Server app) : IClassFixture<OidcBrowserTests.Server>
{
    public sealed class Server : OidcServer;

    private async Task<int> UpdateCountAsync(int spearpointId)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.StatusUpdates.CountAsync(u => u.SpearpointId == spearpointId);
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.Result == AuditResult.Refused);
    }

    private async Task<int> UserCountAsync()
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync();
    }

    [SkippableTheory]
    [InlineData(TokenShape.Entra)]
    [InlineData(TokenShape.Keycloak)]
    public async Task APersonInTheMappedGroup_LandsAsManager_AndEditsTheMappedPlan(TokenShape shape)
    {
        var value = $"Dashboard.Manager.{shape}";
        await app.MapAsync(value, DashboardRoles.Manager);
        await app.MapAsync(value, null, await app.DemoPlanAsync());
        var person = app.Provider.Add(new TestPerson($"manager-{shape}", shape) { Roles = [value, "Iets anders"] });
        var spearpointId = await app.SpearpointIdAsync("SP2");
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await app.SignInWithProviderAsync(page, person, $"/speerpunten/{spearpointId}");

        Assert.EndsWith($"/speerpunten/{spearpointId}", page.Url);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToBeVisibleAsync();
        var account = await app.AccountOfAsync(person);
        Assert.NotNull(account);
        Assert.Equal(person.Email, account.Email);
        var actor = await app.Get<UserDirectory>().ActorForAsync(account.Id);
        Assert.Equal([DashboardRoles.Manager], actor.Roles);
        await page.ScreenshotAsync($"oidc-signed-in-{shape}");

        // No password change for an account without a password.
        await page.GotoInteractiveAsync(app.BaseUrl + "/Account/Manage");
        await Expect(page.Locator("#new")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task APersonWithoutAMapping_IsRefused_WithAClearPage_AndGetsNoReadAccess()
    {
        var person = app.Provider.Add(new TestPerson("zonder-koppeling") { Roles = ["Niet.Gekoppeld"], Groups = ["0b1d-geen-groep"] });
        var users = await UserCountAsync();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await app.SignInWithProviderAsync(page, person);

        Assert.Contains("/Account/GeenToegang", page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geen toegang");
        await Expect(page.Locator("main")).ToContainTextAsync("geen van uw groepen of rollen");
        await Expect(page.Locator("main")).ToContainTextAsync("Vraag de beheerder");
        await page.AssertAccessibleAsync("geen toegang");
        Assert.Equal(users, await UserCountAsync());
        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("/Account/Login", page.Url);
    }

    [SkippableFact]
    public async Task AnOverageToken_TellsThePersonAndTheBeheerder()
    {
        var person = app.Provider.Add(new TestPerson("veel-groepen") { Overage = true });
        await app.MapAsync("groep-in-overage", DashboardRoles.CouncilMember);
        // Signed in once with the group in the token (an account exists), then the token no longer carries groups.
        person.Roles.Add("groep-in-overage");
        await using (var first = await browser.NewAnonymousContextAsync(app))
        {
            await app.SignInWithProviderAsync(await first.NewPageAsync(), person);
        }
        person.Roles.Clear();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await app.SignInWithProviderAsync(page, person);

        Assert.Contains("reden=overage", page.Url);
        await Expect(page.Locator("main")).ToContainTextAsync("te veel groepen");
        Assert.Contains(await app.Get<RoleMappings>().OverageAsync(await app.AdminAsync()), u => u.Email == person.Email);
        await using var admin = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var adminPage = await admin.NewPageAsync();
        await adminPage.GotoInteractiveAsync(app.BaseUrl + "/beheer");
        await Expect(adminPage.Locator(".oidc-overage")).ToContainTextAsync(person.Email);
    }

    [SkippableFact]
    public async Task AMappingRemoved_WhileTheDialogIsOpen_RefusesTheWrite()
    {
        await app.MapAsync("HOR-Team", DashboardRoles.Manager);
        await app.MapAsync("HOR-Team", null, await app.DemoPlanAsync());
        var person = app.Provider.Add(new TestPerson("wordt-ingetrokken") { Roles = ["HOR-Team"] });
        var spearpointId = await app.SpearpointIdAsync("SP3");
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await app.SignInWithProviderAsync(page, person, $"/speerpunten/{spearpointId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Toelichting").FillAsync("Geschreven met de groep, opgeslagen zonder.");
        var before = await UpdateCountAsync(spearpointId);

        var admin = await app.AdminAsync();
        foreach (var mapping in (await app.Get<RoleMappings>().ListAsync(admin)).Where(m => m.ProviderValue == "HOR-Team"))
        {
            Assert.True((await app.Get<RoleMappings>().RemoveAsync(admin, mapping.Id)).Succeeded);
        }
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("U mag dit niet wijzigen. Er is niets opgeslagen.");
        Assert.Equal(before, await UpdateCountAsync(spearpointId));
        var account = await app.AccountOfAsync(person);
        Assert.Empty((await app.Get<UserDirectory>().ActorForAsync(account!.Id)).Roles);
    }

    [SkippableFact]
    public async Task SignOut_EndsTheSessionHere_AndAtTheProvider()
    {
        await app.MapAsync("Raad", DashboardRoles.CouncilMember);
        var person = app.Provider.Add(new TestPerson("raadslid-sso", TokenShape.Keycloak) { Roles = ["Raad"] });
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await app.SignInWithProviderAsync(page, person);
        var ended = app.Provider.EndedSessions;

        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).First.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Account/Login"));
        Assert.Equal(ended + 1, app.Provider.EndedSessions);
        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("/Account/Login", page.Url);
        // The provider asks again: its session ended too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw organisatieaccount" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(app.Provider.Authority + "login", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task TheSignInPage_WithTheOrganisationButton_IsAccessible_AndWorksByKeyboard()
    {
        await app.EnsureRegisteredAsync();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");

        await Expect(page.GetByText("U logt in bij Gemeente Testdorp.")).ToBeVisibleAsync();
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("sign-in with the organisation button");
        var button = page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw organisatieaccount" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.StartsWith(app.Provider.Authority + "login", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AForgedState_IsRefused_Audited_AndChangesNothing()
    {
        await app.EnsureRegisteredAsync();
        var (users, refused) = (await UserCountAsync(), await AuditCountAsync("OidcSignIn"));
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/signin-oidc?state=vervalst&code=gestolen-code");

        Assert.Contains("/Account/GeenToegang?reden=failed", page.Url);
        await Expect(page.Locator("main")).ToContainTextAsync("niet gelukt of is geweigerd");
        Assert.Equal((users, refused + 1), (await UserCountAsync(), await AuditCountAsync("OidcSignIn")));
    }

    [SkippableFact]
    public async Task AReplayedAnswer_IsRefused_Audited_AndChangesNothing()
    {
        await app.MapAsync("Presentatoren", DashboardRoles.Presenter);
        var person = app.Provider.Add(new TestPerson("herhaald") { Roles = ["Presentatoren"] });
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        string? answer = null;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.StartsWith(app.BaseUrl + "/signin-oidc", StringComparison.Ordinal))
            {
                answer = request.PostData;
            }
        };
        await app.SignInWithProviderAsync(page, person);
        Assert.NotNull(answer);
        var (users, refused) = (await UserCountAsync(), await AuditCountAsync("OidcSignIn"));

        // The same answer (code, state) once more, from the same browser: its one-time correlation is spent.
        var replay = await page.APIRequest.PostAsync(app.BaseUrl + "/signin-oidc", new()
        {
            DataString = answer,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            MaxRedirects = 0,
        });

        Assert.Equal(302, replay.Status);
        Assert.Contains("/Account/GeenToegang?reden=failed", replay.Headers["location"]);
        Assert.Equal((users, refused + 1), (await UserCountAsync(), await AuditCountAsync("OidcSignIn")));
    }

    [SkippableTheory]
    [InlineData(Hostility.OtherAudience)]
    [InlineData(Hostility.Expired)]
    public async Task AnIdTokenForAnotherClient_OrExpired_IsRefused_Audited_AndMakesNoAccount(Hostility hostility)
    {
        await app.MapAsync("Managers-" + hostility, DashboardRoles.Manager);
        var person = app.Provider.Add(new TestPerson("vijandig-" + hostility) { Roles = ["Managers-" + hostility] });
        var (users, refused) = (await UserCountAsync(), await AuditCountAsync("OidcSignIn"));
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        app.Provider.Hostility = hostility;
        try
        {
            await app.SignInWithProviderAsync(page, person);
        }
        finally
        {
            app.Provider.Hostility = Hostility.None;
        }

        Assert.Contains("/Account/GeenToegang?reden=failed", page.Url);
        Assert.Null(await app.AccountOfAsync(person));
        Assert.Equal((users, refused + 1), (await UserCountAsync(), await AuditCountAsync("OidcSignIn")));
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == "OidcSignIn");
        Assert.Contains(hostility == Hostility.Expired ? "IDX10223" : "IDX10214", audit.Message);
    }
}
