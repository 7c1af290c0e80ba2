using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// The README's first look: the real app in Development with the demo data as it comes (both demo plans) opens on the plan
/// running today, with every signal, and its reminders and digest have something to say on the first day.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RunningDemoPlanBrowserTests(Browser browser, RunningDemoPlanBrowserTests.Server app) : IClassFixture<RunningDemoPlanBrowserTests.Server>
{
    private const string Letter = "Jaarplan handhaven openbare ruimte 2022-2023";

    public sealed class Server : AppServer
    {
        public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "dashboard-demo-mail-" + Guid.NewGuid().ToString("N"));

        protected override string EnvironmentName => "Development";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // The default, which AppServer turns off for the tests written against the letter's plan alone.
            ["Dashboard:SeedRunningDemoPlan"] = "true",
            ["Mail:Folder"] = MailFolder,
            // The test queues and sends itself, so that it knows when.
            ["Mail:Background"] = "false",
        };
    }

    [SkippableFact]
    public async Task Overview_OpensOnThePlanRunningToday_WithTheBanner_AndAnOrangeAndARedSpearpoint()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        // The current years: the plan began some months ago and runs until the end of next year.
        var next = DateTime.UtcNow.Year + 1;
        await Expect(page.Locator(".app-plan")).ToContainTextAsync(new Regex($"Jaarplan handhaven openbare ruimte \\d{{4}}-{next}"));
        await Expect(page.GetByText("Demogegevens, geen echte cijfers")).ToBeVisibleAsync();
        await Expect(page.Locator(".spearpoint-card")).ToHaveCountAsync(6);
        var words = page.Locator(".spearpoint-card [data-status]");
        await Expect(words.Filter(new() { HasText = "Aandachtspunt" })).ToHaveCountAsync(1);
        await Expect(words.Filter(new() { HasText = "Vertraagd" })).ToHaveCountAsync(1);
        await Expect(page.GetByText("Niet recent bijgewerkt").First).ToBeVisibleAsync();

        // The letter's plan is one click away in Plan kiezen, and carries the banner too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan kiezen" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = Letter }).ClickAsync();
        await Expect(page.Locator(".app-plan")).ToContainTextAsync(Letter);
        await Expect(page.GetByText("Demogegevens, geen echte cijfers")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task OnTheFirstDay_TheDemoManagerGetsAReminder_AndTheDemoRaadslidADigest_AsEmlFiles()
    {
        var queued = await app.Get<MailScheduler>().QueueDueAsync();
        Assert.True(queued.Reminders >= 1 && queued.Digests >= 1, $"{queued}");
        await app.Get<OutboxSender>().SendDueAsync();

        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var sent = await db.OutboxMessages.Select(m => new { m.Kind, m.To }).ToListAsync();
            Assert.Contains(sent, m => m.Kind == MessageKind.Reminder && m.To == "manager@demo.local");
            Assert.Contains(sent, m => m.Kind == MessageKind.Digest && m.To == "raadslid@demo.local");
        }
        var files = Directory.GetFiles(app.MailFolder, "*.eml");
        Assert.Contains(files, f => File.ReadAllText(f).Contains("manager@demo.local", StringComparison.Ordinal));
        Assert.Contains(files, f => File.ReadAllText(f).Contains("raadslid@demo.local", StringComparison.Ordinal));
    }
}
