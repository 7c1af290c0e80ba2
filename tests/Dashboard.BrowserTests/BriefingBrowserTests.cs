using System.Text.RegularExpressions;
using Dashboard.Briefings;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>What a council member does the evening before a session: open the briefing, read what changed, print the brief.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class BriefingBrowserTests(Browser browser, PrintingAppServer app) : IClassFixture<PrintingAppServer>
{
    private const string FebruaryTitle = "Bijpraatsessie handhaven: inhoudelijke speerpunten en doorkijk jaarplan 2023-2024";

    private async Task<int> BriefingIdAsync(DateOnly date)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Briefings.Where(b => b.Date == date).Select(b => b.Id).SingleAsync();
    }

    private static ILocator Section(IPage page, string code) =>
        page.Locator("article.spearpoint-brief").Filter(new() { Has = page.Locator(".card-code", new() { HasTextString = code }) });

    [SkippableFact]
    public async Task FebruaryBriefing_ShowsWhatChangedSinceOctober_RedsAndOrangesFirst()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bijpraatsessies" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = FebruaryTitle }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/bijpraatsessies/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FebruaryTitle);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Wat is er veranderd" })).ToHaveTextAsync("Wat is er veranderd sinds de bijpraatsessie van 11 oktober 2022");
        await Expect(page.Locator("article.spearpoint-brief .card-code")).ToHaveTextAsync(["SP4", "IS2", "SP1", "SP2", "SP3", "IS1"]);

        var sp4 = Section(page, "SP4");
        await Expect(sp4.Locator("[data-kind='Status'] [data-status]")).ToHaveTextAsync(["Aandachtspunt", "Vertraagd"]);
        await Expect(sp4.Locator(".brief-reasons")).ToContainTextAsync("In de hele regio is er een tekort aan boa's.");
        await Expect(sp4.Locator("[data-kind='Slipped']")).ToContainTextAsync(
            "Nieuwe collega's gestart met boa-basisopleiding en Domein I van 01-12-2022 naar 01-03-2023");
        await Expect(sp4.Locator("[data-kind='Completed']")).ToContainTextAsync("Opleidings- en trainingsplan 2023 vastgesteld op 24-01-2023");
        await Expect(sp4.Locator("[data-kind='Indicator'][data-trend='Away']")).ToContainTextAsync("Ziekteverzuim: van 8,1% naar 8,4% (streefwaarde 6%) verder van de streefwaarde");

        var sp2 = Section(page, "SP2");
        await Expect(sp2.Locator("[data-kind='Status'] [data-status]")).ToHaveTextAsync(["Aandachtspunt", "Op koers"]);
        await Expect(sp2.Locator("[data-kind='Completed']")).ToContainTextAsync("Roostermodel besproken met medewerkers en OR");

        var sp3 = Section(page, "SP3");
        await Expect(sp3.Locator("[data-flag='no-update']")).ToHaveTextAsync("Geen voortgangsbericht sinds de vorige bijpraatsessie (11-10-2022).");
        await Expect(sp3.Locator("[data-kind='BecameOverdue']")).ToHaveCountAsync(3);
        await Expect(page.Locator(".briefing-highlights")).ToContainTextAsync("(SP3)");
        await page.ScreenshotAsync("briefing-february");
    }

    [SkippableFact]
    public async Task Peildatum_ChosenByKeyboard_ShowsThatDay_SharesItInTheAddress_AndLeadsBackToToday()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        // The field's own format follows the browser's language; Enter in it shows the chosen date.
        await page.GetByLabel("Peildatum").FillAsync("2022-10-11");
        await page.GetByLabel("Peildatum").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"/\?peildatum=2022-10-11$"));
        await Expect(page.Locator(".reference-past")).ToHaveTextAsync("U bekijkt het dashboard zoals het was op 11 oktober 2022. Wat daarna is gewijzigd, ziet u hier niet.");
        var sp2 = page.Locator(".spearpoint-card").Filter(new() { HasText = "Vergroten van de flexibiliteit" });
        await Expect(sp2.Locator("[data-status]").First).ToHaveTextAsync("Aandachtspunt");
        await page.ScreenshotAsync("peildatum-overview");

        // The spearpoint opened from there keeps the date, with its chart value of that day.
        await page.GetByRole(AriaRole.Link, new() { Name = "Versterken van het team, kwantitatief en kwalitatief" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/speerpunten/\d+\?peildatum=2022-10-11$"));
        await Expect(page.Locator("[data-indicator-chart] figcaption").Filter(new() { HasText = "Ziekteverzuim" }))
            .ToContainTextAsync("Realisatie 8,1% op 30-09-2022 (nulmeting 8,5%, streefwaarde 6%).");

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar vandaag" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/speerpunten/\d+$"));
        await Expect(page.Locator(".reference-past")).ToHaveCountAsync(0);
        await Expect(page.Locator(".reference-date")).ToContainTextAsync("31 december 2023");
    }

    [SkippableFact]
    public async Task Manager_AddsABriefing_WithValidationInDutch_AndItComparesWithTheLastOne()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/bijpraatsessies");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bijpraatsessie toevoegen" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Titel is verplicht.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Speerpunten op de agenda: kies ten minste één speerpunt.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("briefing dialog with validation errors");

        await dialog.GetByLabel("Datum").FillAsync("13-06-2023");
        await dialog.GetByLabel("Datum").PressAsync("Tab");
        await dialog.GetByLabel("Titel").FillAsync("Bijpraatsessie juni: stand na een halfjaar");
        await dialog.GetByLabel("Doelgroep").FillAsync("Domein Algemene Zaken");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "SP4 Versterken van het team, kwantitatief en kwalitatief" }).CheckAsync();
        // The deadlines of the technische vragen, first the wrong way round: refused with the fields named, nothing stored.
        await dialog.GetByLabel("Vragen tot").FillAsync("2023-06-12T16:00");
        await dialog.GetByLabel("Antwoord uiterlijk").FillAsync("2023-06-07T12:00");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Antwoord uiterlijk moet na Vragen tot liggen")).ToBeVisibleAsync();
        await dialog.GetByLabel("Vragen tot").FillAsync("2023-06-07T12:00");
        await dialog.GetByLabel("Antwoord uiterlijk").FillAsync("2023-06-12T16:00");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Bijpraatsessie juni: stand na een halfjaar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bijpraatsessie juni: stand na een halfjaar");
        await Expect(page.Locator(".question-deadlines dd")).ToHaveTextAsync(["07-06-2023 12:00", "12-06-2023 16:00", "0"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Wat is er veranderd" })).ToHaveTextAsync("Wat is er veranderd sinds de bijpraatsessie van 14 februari 2023");
        await Expect(Section(page, "SP4").Locator("[data-kind='Status'] [data-status]")).ToHaveTextAsync(["Vertraagd", "Op koers"]);
    }

    [SkippableFact]
    public async Task Pdf_OfTheFebruaryBrief_IsA4_WithEverySpearpointTitle_AndTheNoticeOnEveryPage()
    {
        Skip.If(app.Get<Dashboard.Briefings.ChromiumPdf>() is { IsAvailable: false }, $"Chromium not found at {Browser.ExecutablePath}");
        PdfText.Need();
        // As a signed-in council member: the PDF is read access like the pages.
        await using var context = await browser.NewContextAsync(app, Dashboard.Editing.DashboardRoles.CouncilMember);

        var response = await context.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/{await BriefingIdAsync(new DateOnly(2023, 2, 14))}/pdf",
            new() { Timeout = 120_000 });

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/pdf", response.Headers["content-type"]);
        Assert.Contains("bijpraatsessie-2023-02-14.pdf", response.Headers["content-disposition"]);
        var file = RepoRoot.Artifacts("pdf", "bijpraatsessie-2023-02-14.pdf");
        await File.WriteAllBytesAsync(file, await response.BodyAsync());

        var pages = PdfText.Pages(file);
        var text = string.Join("\n", pages);
        foreach (var title in new[]
        {
            "Informatiegestuurd werken", "Vergroten van de flexibiliteit", "Verwachtingenmanagement en communicatie richting buurten",
            "Versterken van het team, kwantitatief en kwalitatief", "Overlast uitgaansgebied", "Fietsparkeren binnenstad",
        })
        {
            Assert.Contains(title, text);
        }
        Assert.True(pages.Count >= 7, $"a cover and a page per spearpoint, got {pages.Count} pages");
        Assert.All(pages, p =>
        {
            Assert.Contains("Peildatum: 14 februari 2023", p);
            Assert.Contains("Demogegevens, geen echte cijfers", p);
        });
        Assert.Contains("In het kort", pages[0]); // the cover
        Assert.Contains("Pagina 1 van", pages[0]);
        Assert.StartsWith("A4", PdfText.PageSize(file));
        // Each spearpoint begins a page of its own.
        Assert.Contains(pages, p => p.Contains("SP4 Versterken van het team") && p.Contains("Verschoven: Nieuwe collega's"));
        // The appendix: the briefing's public questions and answers, never the one marked Niet openbaar.
        Assert.Contains("Bijlage: technische vragen", pages[^1]);
        Assert.Contains("roostermodel", text);
        Assert.Contains("avonddiensten", text);
        Assert.DoesNotContain("vertrouwelijk", text);
        Assert.DoesNotContain("selectie?", text);
    }

    [SkippableFact]
    public async Task QuestionExport_IsACsvAndAPdfForTheEditor_WithTheNotPublicOneMarked_AndForbiddenToARaadslid()
    {
        var february = await BriefingIdAsync(new DateOnly(2023, 2, 14));
        await using var editor = await browser.NewContextAsync(app, Dashboard.Editing.DashboardRoles.Manager);
        var page = await editor.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/bijpraatsessies/{february}");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Vragen voor de griffie (CSV)" }).ClickAsync());

        Assert.Equal("vragen-2023-02-14.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"Speerpunt\";", csv);
        Assert.Contains("\"Niet openbaar\"", csv);
        Assert.Contains("selectie?", csv);
        Assert.Contains("roostermodel", csv);

        // The same as a PDF, printed by Chromium: every question with its times, the one marked Niet openbaar marked so.
        Skip.If(app.Get<Dashboard.Briefings.ChromiumPdf>() is { IsAvailable: false }, $"Chromium not found at {Browser.ExecutablePath}");
        PdfText.Need();
        var pdf = await editor.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/{february}/vragen.pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"]);
        var file = RepoRoot.Artifacts("pdf", "vragen-2023-02-14.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        var exported = Regex.Replace(PdfText.Text(file), @"\s+", " ");
        Assert.Contains("roostermodel", exported);
        Assert.Contains("selectie?", exported);
        Assert.Contains("Niet openbaar", exported);

        await using var council = await browser.NewContextAsync(app, Dashboard.Editing.DashboardRoles.CouncilMember);
        var refused = await council.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/{february}/vragen.csv");
        Assert.Equal(403, refused.Status);
        Assert.DoesNotContain("selectie?", await refused.TextAsync());
        Assert.Equal(403, (await council.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/{february}/vragen.pdf")).Status);
        var councilPage = await council.NewPageAsync();
        await councilPage.GotoInteractiveAsync($"{app.BaseUrl}/bijpraatsessies/{february}");
        await Expect(councilPage.GetByRole(AriaRole.Link, new() { Name = "Vragen voor de griffie (CSV)" })).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Pdf_TakesOnlyABriefingId()
    {
        await using var context = await browser.NewContextAsync(app);

        Assert.Equal(404, (await context.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/987654/pdf")).Status);
        Assert.Equal(404, (await context.APIRequest.GetAsync($"{app.BaseUrl}/bijpraatsessies/http%3A%2F%2F127.0.0.1%3A1%2F/pdf")).Status);
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await anonymous.GetAsync("/bijpraatsessies/987654/pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task PrintableBrief_InPrint_HidesTheNavigation_AndBreaksThePageBeforeEverySpearpoint()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/bijpraatsessies/{await BriefingIdAsync(new DateOnly(2023, 2, 14))}/afdrukken");

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeHiddenAsync();
        var breaks = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('section.brief-page')].map(s => getComputedStyle(s).breakBefore)");
        Assert.Equal(Enumerable.Repeat("page", 7), breaks); // six spearpoints and the appendix of technische vragen
        Assert.Equal("table-header-group", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.brief-frame > thead')).display"));
    }

    [SkippableTheory]
    [InlineData("/bijpraatsessies")]
    [InlineData("/bijpraatsessies/{february}")]
    [InlineData("/bijpraatsessies/{february}/afdrukken")]
    public async Task BriefingPages_FitA320PixelScreen_WithoutScrollingSideways(string route)
    {
        await using var context = await browser.NewContextAsync(app, culture: "nl-NL", width: 320, height: 800);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + route.Replace("{february}", (await BriefingIdAsync(new DateOnly(2023, 2, 14))).ToString()));

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await page.ScreenshotAsync("reflow-briefing-" + route.Count(c => c == '/'));
        var wide = await page.EvaluateAsync<string[]>(WidestElements);
        Assert.True(scrollWidth <= 320, $"{route} at 320 px is {scrollWidth} px wide: {string.Join(" | ", wide)}");
    }

    /// <summary>The elements that stick out to the right, to say what to fix.</summary>
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .concat([...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'))
            .filter(e => !e.closest('.table-scroll') && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .slice(0, 8)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().right)}px`)
        """;
}
