using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.BrowserTests;

/// <summary>
/// The PDF of a released rapportage from the real app, printed by the real Chromium and read back with pdftotext: stamped
/// with who released it when and the SHA-256, stored once, and the same bytes after a live save.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ReportPdfBrowserTests(Browser browser, PrintingAppServer app) : IClassFixture<PrintingAppServer>
{
    private static readonly Actor Preparer = new("Anna Opsteller", new HashSet<string> { DashboardRoles.Manager }, UserId: "browser-preparer");
    private static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "browser-releaser");

    private async Task<int> PlanAsync()
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>A rapportage with peildatum 31 December 2022, handed in; released too when asked.</summary>
    private async Task<int> ReportAsync(int plan, bool release)
    {
        await TestAccounts.ForAsync(app.Services, Preparer, Releaser);
        var editor = app.Get<ReportEditor>();
        var created = await editor.CreateAsync(Preparer, new CreateReportCommand(plan, new DateOnly(2022, 12, 31), "Het team ligt op koers; SP4 vraagt aandacht."));
        Assert.True(created.Succeeded, created.Message);
        var id = (int)created.CreatedId!;
        var submitted = await editor.SubmitAsync(Preparer, new ReportStepCommand(plan, id, created.Version!.Value));
        Assert.True(submitted.Succeeded, submitted.Message);
        if (release)
        {
            var released = await editor.ReleaseAsync(Releaser, new ReportStepCommand(plan, id, submitted.Version!.Value));
            Assert.True(released.Succeeded, released.Message);
        }
        return id;
    }

    [SkippableFact]
    public async Task ThePdfOfAReleasedRapportage_IsStampedWithTheReleaserAndTheHash_AndStaysTheSameAfterALiveSave()
    {
        Skip.If(app.Get<Dashboard.Briefings.ChromiumPdf>() is { IsAvailable: false }, $"Chromium not found at {Browser.ExecutablePath}");
        PdfText.Need();
        var plan = await PlanAsync();
        var id = await ReportAsync(plan, release: true);
        string sha;
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            sha = await db.ReportSnapshots.Where(s => s.ReportId == id).Select(s => s.Sha256).SingleAsync();
            Assert.False(await db.ReportPdfs.AnyAsync(p => p.ReportId == id), "printed after the release, not inside it");
        }
        // As a signed-in council member: read access, like the brief's PDF.
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);

        var response = await context.APIRequest.GetAsync($"{app.BaseUrl}/rapportages/{id}/pdf", new() { Timeout = 120_000 });

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/pdf", response.Headers["content-type"]);
        Assert.Contains("rapportage-2022-12-31.pdf", response.Headers["content-disposition"]);
        var first = await response.BodyAsync();
        var file = RepoRoot.Artifacts("pdf", "rapportage-2022-12-31.pdf");
        await File.WriteAllBytesAsync(file, first);
        var text = Regex.Replace(PdfText.Text(file), @"\s+", " ");
        Assert.Contains("Vastgesteld door Vera Vaststeller op", text);
        Assert.Contains($"SHA-256: {sha}", text);
        Assert.Contains("Het team ligt op koers; SP4 vraagt aandacht.", text);
        Assert.Contains("Peildatum: 31 december 2022", text);

        // A live save after the release: the stored PDF and its row do not change.
        var sp4 = await app.SpearpointIdAsync("SP4");
        int version;
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            version = await db.Spearpoints.Where(s => s.Id == sp4).Select(s => s.Version).SingleAsync();
        }
        var manager = new Actor("Manager", new HashSet<string> { DashboardRoles.Manager }, UserId: "browser-manager");
        await TestAccounts.ForAsync(app.Services, manager);
        var saved = await app.Get<StatusEditor>().SaveStatusAsync(manager,
            new StatusCommand(plan, sp4, version, Status.OnTrack, "Na de vaststelling live bijgewerkt.", null, null, null));
        Assert.True(saved.Succeeded, saved.Message);
        var again = await context.APIRequest.GetAsync($"{app.BaseUrl}/rapportages/{id}/pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, again.Status);
        Assert.Equal(first, await again.BodyAsync());
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(first, await db.ReportPdfs.Where(p => p.ReportId == id).Select(p => p.Content).SingleAsync());
        }
    }

    [SkippableFact]
    public async Task ARapportageThatIsNotReleased_HasNoPdf_ForAnyone()
    {
        var plan = await PlanAsync();
        var handedIn = await ReportAsync(plan, release: false);
        var concept = await app.Get<ReportEditor>().CreateAsync(Preparer, new CreateReportCommand(plan, new DateOnly(2023, 3, 31), "Concept."));
        foreach (var role in new[] { DashboardRoles.CouncilMember, DashboardRoles.Manager, DashboardRoles.Releaser })
        {
            await using var context = await browser.NewContextAsync(app, role);
            foreach (var id in new[] { handedIn, (int)concept.CreatedId!, 987654 })
            {
                Assert.Equal(404, (await context.APIRequest.GetAsync($"{app.BaseUrl}/rapportages/{id}/pdf")).Status);
            }
        }
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await anonymous.GetAsync($"/rapportages/{handedIn}/pdf")).StatusCode);
    }
}
