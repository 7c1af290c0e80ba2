using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// Only managers change data; council members and presenters read. The check is in the services:
/// here open screens re-check their sign-in only every ten minutes, so what refuses the write below
/// is the service looking up the user's current role, not a hidden button or a signed-out screen.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RolesBrowserTests(Browser browser, RolesBrowserTests.Server app) : IClassFixture<RolesBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:RevalidationInterval"] = "00:10:00" };
    }

    private async Task<Actor> AdminAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(AppServer.Email(DashboardRoles.Admin));
        return await app.Get<UserDirectory>().ActorForAsync(admin!.Id);
    }

    private async Task<int> UpdateCountAsync(int spearpointId)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.StatusUpdates.CountAsync(u => u.SpearpointId == spearpointId);
    }

    [SkippableTheory]
    [InlineData(DashboardRoles.CouncilMember)]
    [InlineData(DashboardRoles.Presenter)]
    public async Task Readers_SeeTheDashboard_WithoutAnyEditControl(string role)
    {
        await using var context = await browser.NewContextAsync(app, role);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(page.Locator(".spearpoint-card")).ToHaveCountAsync(6);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Beheer" })).ToHaveCountAsync(0);

        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP4")}");
        await Expect(page.Locator("ol.milestone-timeline > li")).ToHaveCountAsync(5);
        foreach (var label in new[] { "Status bijwerken", "Mijlpaal toevoegen", "Markeer als gereed", "Bewerken", "Meting toevoegen" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = label })).ToHaveCountAsync(0);
        }

        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geen toegang");
    }

    [SkippableFact]
    public async Task AManagerMadeCouncilMember_WhileTheDialogIsOpen_IsRefusedByTheService()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.Manager);
        var spearpointId = await app.SpearpointIdAsync("SP2");
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(app, email, AppServer.Password, $"/speerpunten/{spearpointId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Toelichting").FillAsync("Geschreven als manager, opgeslagen als raadslid.");
        var before = await UpdateCountAsync(spearpointId);

        var changed = await app.Get<UserAdministration>().ChangeRoleAsync(await AdminAsync(), new ChangeRoleCommand(id, DashboardRoles.CouncilMember));
        Assert.True(changed.Succeeded);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("U mag dit niet wijzigen. Er is niets opgeslagen.");
        await page.ScreenshotAsync("forbidden-write");
        Assert.Equal(before, await UpdateCountAsync(spearpointId));
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((AuditResult.Forbidden, $"Tijdelijk ({email})"), (audit.Result, audit.Actor));
    }

    [SkippableFact]
    public async Task AManagersSave_IsRecordedUnderTheirName()
    {
        var spearpointId = await app.SpearpointIdAsync("IS2");
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{spearpointId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Toelichting").FillAsync("Door de manager.");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(page.Locator(".status-history li").First).ToContainTextAsync("Test manager");
        await Expect(page.Locator(".change-list li").First).ToContainTextAsync("Test manager (manager@test.local)");
    }

    [SkippableFact]
    public async Task TheBeheerder_CreatesAUser_WhoCanThenSignIn()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");
        var email = $"{Guid.NewGuid():N}@gemeente.test";

        await page.GetByRole(AriaRole.Button, new() { Name = "Gebruiker toevoegen" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mailadres").FillAsync(email);
        await dialog.GetByLabel("Naam").FillAsync("Raadslid Algemene Zaken");
        await dialog.GetByLabel("Wachtwoord").FillAsync("wachtwoord123");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Wachtwoord is te makkelijk te raden")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("user dialog with errors");
        await dialog.GetByLabel("Wachtwoord").FillAsync("lees de stukken op zondagavond");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-user='{email}']")).ToContainTextAsync("Raadslid");

        await using var fresh = await browser.NewAnonymousContextAsync(app);
        var theirs = await fresh.NewPageAsync();
        await theirs.SignInAsync(app, email, "lees de stukken op zondagavond");
        await Expect(theirs.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }
}

/// <summary>Disabling a signed-in manager: their next save is refused, and their open screen signs out within seconds.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class DisableUserBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    [SkippableFact]
    public async Task DisablingASignedInManager_StopsTheirEdits_AndEndsTheirOpenScreen()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.Manager);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(app, email, AppServer.Password, $"/speerpunten/{await app.SpearpointIdAsync("SP1")}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToBeVisibleAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(AppServer.Email(DashboardRoles.Admin));
            var result = await app.Get<UserAdministration>().SetDisabledAsync(await app.Get<UserDirectory>().ActorForAsync(admin!.Id), new SetDisabledCommand(id, true));
            Assert.True(result.Succeeded);
        }

        Assert.False((await app.Get<UserDirectory>().ActorForAsync(id)).MayEdit);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 30_000 });
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(AppServer.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".account-error")).ToContainTextAsync("Aanmelden is niet gelukt");
    }
}

/// <summary>With Security:AllowAnonymousRead the dashboard is public, read-only.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AnonymousReadBrowserTests(Browser browser, AnonymousReadBrowserTests.Server app) : IClassFixture<AnonymousReadBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:AllowAnonymousRead"] = "true" };
    }

    [SkippableFact]
    public async Task AnonymousVisitors_ReadEverything_ButCannotEditOrManage()
    {
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(page.Locator(".spearpoint-card")).ToHaveCountAsync(6);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aanmelden" })).ToBeVisibleAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP3")}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mijlpaal toevoegen" })).ToHaveCountAsync(0);
        Assert.False(Actor.Anonymous.MayEdit);

        await page.GotoAsync(app.BaseUrl + "/beheer");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }
}
