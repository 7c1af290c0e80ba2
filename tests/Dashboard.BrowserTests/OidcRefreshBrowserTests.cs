using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Tests.Support.Oidc;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// A change at the provider counts from the next token refresh, which an open screen does at each revalidation (every
/// two seconds here): a person taken out of the group loses the right and the screen, a person disabled at the
/// provider (a refused refresh) is signed out.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class OidcRefreshBrowserTests(Browser browser, OidcRefreshBrowserTests.Server app) : IClassFixture<OidcRefreshBrowserTests.Server>
{
    public sealed class Server : OidcServer
    {
        protected override string RevalidationInterval => "00:00:02";
    }

    private async Task<IPage> SignedInOnASpearpointAsync(IBrowserContext context, TestPerson person, int spearpointId)
    {
        var page = await context.NewPageAsync();
        await app.SignInWithProviderAsync(page, person, $"/speerpunten/{spearpointId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToBeVisibleAsync();
        return page;
    }

    [SkippableFact]
    public async Task APersonTakenOutOfTheGroupAtTheProvider_LosesTheRight_AtTheNextRefresh()
    {
        await app.MapAsync("Wisselend-Team", DashboardRoles.Manager);
        await app.MapAsync("Wisselend-Team", null, await app.DemoPlanAsync());
        var person = app.Provider.Add(new TestPerson("uit-de-groep") { Roles = ["Wisselend-Team"] });
        var spearpointId = await app.SpearpointIdAsync("SP1");
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await SignedInOnASpearpointAsync(context, person, spearpointId);
        var account = (await app.AccountOfAsync(person))!;
        var refreshes = app.Provider.Refreshes;

        person.Roles.Clear();

        // The next revalidation refreshes the tokens, reads no mapped role, and signs the open screen out.
        await page.WaitForURLAsync(url => url.Contains("/Account/Login"), new() { Timeout = 20_000 });
        Assert.True(app.Provider.Refreshes > refreshes);
        var actor = await app.Get<UserDirectory>().ActorForAsync(account.Id);
        Assert.Empty(actor.Roles);
        var sp = (await app.Get<DashboardQueries>().GetSpearpointAsync(spearpointId, null))!;
        var write = await app.Get<StatusEditor>().SaveStatusAsync(actor,
            new StatusCommand(sp.Plan.Id, sp.Summary.Id, sp.Summary.Version, Status.OnTrack, "Na het verlaten van de groep"));
        Assert.Equal(SaveOutcome.Forbidden, write.Outcome);
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.PlanEditors.AnyAsync(e => e.UserId == account.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SetRolesFromProvider" && a.ObjectId == account.Id && a.Message == "refresh"));
    }

    [SkippableFact]
    public async Task WhileStillInTheGroup_TheRefreshKeepsTheScreen()
    {
        await app.MapAsync("Blijvend-Team", DashboardRoles.Presenter);
        var person = app.Provider.Add(new TestPerson("blijft", TokenShape.Keycloak) { Roles = ["Blijvend-Team"] });
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await app.SignInWithProviderAsync(page, person);
        var refreshes = app.Provider.Refreshes;

        await page.WaitForTimeoutAsync(5_000);

        Assert.True(app.Provider.Refreshes >= refreshes + 1, "the open screen refreshed its tokens at its revalidations");
        Assert.DoesNotContain("/Account/Login", page.Url);
        await Expect(page.Locator(".spearpoint-card").First).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task APersonDisabledAtTheProvider_ARefusedRefresh_SignsOut()
    {
        await app.MapAsync("Uitgeschakeld-Team", DashboardRoles.CouncilMember);
        var person = app.Provider.Add(new TestPerson("uitgeschakeld") { Roles = ["Uitgeschakeld-Team"] });
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await app.SignInWithProviderAsync(page, person);
        var account = (await app.AccountOfAsync(person))!;

        person.Disabled = true;

        await page.WaitForURLAsync(url => url.Contains("/Account/Login"), new() { Timeout = 20_000 });
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "OidcSessionEnded" && a.ObjectId == account.Id));
        Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == account.Id && t.Name.StartsWith("refresh_token:")));
    }
}
