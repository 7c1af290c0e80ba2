using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// Technische vragen between three browsers: raadslid A asks on the briefing page, the spearpoint's manager sees the question
/// arrive on the spearpoint page and answers it, and raadslid B's open briefing page shows the answer, all without a reload;
/// A's question marked Niet openbaar reaches the manager and never B; the briefing's PDF has the answer and not the other.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class QuestionsBrowserTests(Browser browser, PrintingAppServer app) : IClassFixture<PrintingAppServer>
{
    private static readonly DateOnly February = new(2023, 2, 14);

    private async Task<int> BriefingIdAsync(DateOnly date)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Briefings.Where(b => b.Date == date).Select(b => b.Id).SingleAsync();
    }

    private static ILocator Question(IPage page, string text) =>
        page.Locator("article.question").Filter(new() { Has = page.Locator(".question-text", new() { HasTextString = text }) });

    private static async Task AskAsync(IPage page, string spearpoint, string text, bool notPublic = false)
    {
        var form = page.Locator("form.ask-question");
        await form.Locator(".ask-spearpoint").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = spearpoint }).ClickAsync();
        await form.GetByLabel("Vraag", new() { Exact = true }).FillAsync(text);
        if (notPublic)
        {
            await form.GetByRole(AriaRole.Checkbox, new() { Name = "Niet openbaar" }).CheckAsync();
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "Vraag stellen" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("gesteld");
    }

    [SkippableFact]
    public async Task QuestionAskedInOneBrowser_IsAnsweredInAnother_AndAThirdReadsTheAnswer_WithoutReload()
    {
        var briefing = $"{app.BaseUrl}/bijpraatsessies/{await BriefingIdAsync(February)}";
        var spearpoint = $"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("IS1")}";
        var publicText = $"Hoeveel meldingen over geluidsoverlast kwamen er in december binnen? ({Guid.NewGuid():N})";
        var privateText = $"Welke horecazaak kreeg de meeste waarschuwingen? ({Guid.NewGuid():N})";
        var answerText = $"In december kwamen er 212 meldingen binnen, 30 minder dan een jaar eerder. ({Guid.NewGuid():N})";

        await using var askerContext = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        await using var managerContext = await browser.NewContextAsync(app, DashboardRoles.Manager);
        await using var readerContext = await browser.NewAnonymousContextAsync(app);
        var (_, readerEmail) = await app.CreateUserAsync(DashboardRoles.CouncilMember);
        var asker = await askerContext.NewPageAsync();
        var manager = await managerContext.NewPageAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.SignInAsync(app, readerEmail, AppServer.Password, new Uri(briefing).PathAndQuery);
        await manager.GotoInteractiveAsync(spearpoint);
        await asker.GotoInteractiveAsync(briefing);
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Technische vragen" })).ToBeVisibleAsync();

        await AskAsync(asker, "IS1 Overlast uitgaansgebied", publicText);
        await AskAsync(asker, "IS1 Overlast uitgaansgebied", privateText, notPublic: true);

        // The manager's open spearpoint page gets both, the one marked Niet openbaar with its mark.
        var arrived = Question(manager, publicText);
        await Expect(arrived).ToBeVisibleAsync();
        await Expect(arrived.Locator("[data-state]").First).ToContainTextAsync("Open");
        await Expect(Question(manager, privateText).Locator(".question-not-public")).ToBeVisibleAsync();
        // The other council member's open briefing page gets the public one only.
        await Expect(Question(reader, publicText)).ToBeVisibleAsync();

        await arrived.GetByRole(AriaRole.Button, new() { Name = "Beantwoorden" }).ClickAsync();
        await arrived.GetByLabel("Antwoord").FillAsync(answerText);
        await arrived.GetByRole(AriaRole.Button, new() { Name = "Antwoord opslaan" }).ClickAsync();

        await Expect(Question(reader, publicText).Locator(".question-answer-text")).ToHaveTextAsync(answerText);
        // The February 2023 session is long past, so the answer came after antwoord uiterlijk.
        await Expect(Question(reader, publicText).Locator("[data-state]").First).ToHaveTextAsync("Te laat beantwoord");
        await Expect(Question(asker, publicText).Locator(".question-answer-text")).ToHaveTextAsync(answerText);
        // After every push of the plan's questions, B's page still holds nothing of A's private question.
        await Expect(reader.Locator("main")).Not.ToContainTextAsync(privateText);
        await Expect(Question(asker, privateText)).ToBeVisibleAsync();

        // The briefing's PDF, as B downloads it, carries the public question with its answer in its appendix, not the other.
        Skip.If(app.Get<Dashboard.Briefings.ChromiumPdf>() is { IsAvailable: false }, $"Chromium not found at {Browser.ExecutablePath}");
        PdfText.Need();
        var pdf = await readerContext.APIRequest.GetAsync($"{briefing}/pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, pdf.Status);
        var file = Dashboard.Tests.Support.RepoRoot.Artifacts("pdf", "vragen-bijpraatsessie-2023-02-14.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Text(file), @"\s+", " ");
        Assert.Contains(publicText, text);
        Assert.Contains(answerText, text);
        Assert.DoesNotContain(privateText, text);
    }
}
