using System.Net;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>Meldingen on Mijn account, the unsubscribe page and the RFC 8058 one-click POST, on the real server.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class MailBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private async Task<OutboxMessage> QueueReminderAsync(string userId, string email)
    {
        var outbox = app.Get<Outbox>();
        var id = outbox.NewMessageId();
        OutboxMessage? message = null;
        await outbox.TryQueueAsync(db => message = outbox.Add(db, MessageKind.Reminder, $"reminder:{userId}:{id}", id, userId, email, "Herinnering",
            new MailRenderer.Rendered("<p>x</p>", "x")));
        return message!;
    }

    private async Task<MailPreferenceValues> PreferencesAsync(string userId) => (await app.Get<MailPreferences>().GetAsync(userId))!;

    [SkippableFact]
    public async Task Meldingen_AreSavedFromMijnAccount()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.Manager);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(app, email, AppServer.Password, "/Account/Manage");
        await page.GotoAsync($"{app.BaseUrl}/Account/Manage#meldingen");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meldingen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Herinneringen over mijn speerpunten (hooguit één per dag)" })).ToBeCheckedAsync();
        await page.AssertAccessibleAsync("Meldingen");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Herinneringen over mijn speerpunten (hooguit één per dag)" }).UncheckAsync();
        await page.GetByLabel("Taal van de berichten").SelectOptionAsync("en-GB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meldingen opslaan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Meldingen opgeslagen.");
        Assert.Equal(new MailPreferenceValues(false, true, "en-GB"), await PreferencesAsync(id));

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Herinneringen over mijn speerpunten (hooguit één per dag)" })).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Taal van de berichten")).ToHaveValueAsync("en-GB");
    }

    [SkippableFact]
    public async Task TheUnsubscribePage_AsksFirst_ThenTurnsRemindersOff_Once_WithoutSignIn()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.Manager);
        var message = await QueueReminderAsync(id, email);
        var token = app.Get<UnsubscribeTokens>().Create(message.MessageId);
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{app.BaseUrl}/afmelden?token={Uri.EscapeDataString(token)}");
        await Expect(page.Locator("[data-state=ready]")).ToContainTextAsync(email);
        await page.AssertAccessibleAsync("unsubscribe: confirm");
        Assert.True((await PreferencesAsync(id)).ReceiveReminders);

        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await Expect(page.Locator("[data-state=done]")).ToContainTextAsync("U ontvangt geen herinneringen meer.");
        Assert.False((await PreferencesAsync(id)).ReceiveReminders);

        await page.GotoAsync($"{app.BaseUrl}/afmelden?token={Uri.EscapeDataString(token)}");
        await Expect(page.Locator("[data-state=used]")).ToBeVisibleAsync();
        await page.GotoAsync($"{app.BaseUrl}/afmelden?token=vervalst");
        await Expect(page.Locator("[data-state=invalid]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheOneClickPost_OfRfc8058_TurnsDigestsOff_WithoutCookiesOrAntiforgery()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.CouncilMember);
        var outbox = app.Get<Outbox>();
        var messageId = outbox.NewMessageId();
        await outbox.TryQueueAsync(db => outbox.Add(db, MessageKind.Digest, $"digest:0:{id}", messageId, id, email, "Overzicht",
            new MailRenderer.Rendered("<p>x</p>", "x")));
        var token = app.Get<UnsubscribeTokens>().Create(messageId);
        using var http = app.CreateHttpClient();

        var url = $"/afmelden/direct?token={Uri.EscapeDataString(token)}";
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(url, body)).StatusCode);
        Assert.False((await PreferencesAsync(id)).ReceiveDigests);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/afmelden/direct?token=vervalst", body)).StatusCode);
        // A GET (a link opened in a browser) changes nothing: it leads to the confirmation page.
        var get = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/afmelden?token=", get.Headers.Location!.OriginalString);

        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "mail.unsubscribe" && a.Result == AuditResult.Success && a.Origin == "mail: one-click"
            && a.Message!.Contains(messageId)).ToListAsync());
    }
}
