using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Reports;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Hosting;
using Dashboard.Mail;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>A released rapportage as the council reads it: the stored bytes, read back, with the stamp of its release.</summary>
public sealed record ReleasedReport(ReportContent Content, string Sha256, string ReleasedBy, DateTime ReleasedAt, int? BriefingId);

/// <summary>
/// The PDF of a released rapportage, printed once from its stored snapshot (never from live data) and kept in ReportPdfs.
/// Printing takes seconds, so it never happens inside the release's transaction: the first request after the release
/// (the page's download, the API, or the council's message being sent) prints it and inserts the row. Two printing at
/// once: the primary key on ReportId lets one insert win; the other reads back the stored one, so everyone gets the same bytes.
/// </summary>
public sealed class ReportPdfs(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ChromiumPdf chromium,
    IServiceScopeFactory scopes,
    DashboardClock clock,
    ILoggerFactory loggers,
    ILogger<ReportPdfs> log) : IDisposable
{
    private readonly SemaphoreSlim _printing = new(1, 1);

    public void Dispose() => _printing.Dispose();

    public static string PagePath(int id) => $"rapportages/{id}";

    public static string PdfPath(int id) => $"rapportages/{id}/pdf";

    /// <summary>The file name of the download: "rapportage-2022-12-31.pdf".</summary>
    public static string FileName(DateOnly referenceDate) => $"rapportage-{Fmt.Iso(referenceDate)}.pdf";

    /// <summary>A released rapportage read back from its stored bytes, with its stamp; null for an unknown id or one that is not released.</summary>
    public async Task<ReleasedReport?> ReleasedAsync(int id, int? planId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.Id == id && r.State == ReportState.Released && (planId == null || r.PlanId == planId))
            .Join(db.ReportSnapshots.AsNoTracking(), r => r.Id, s => s.ReportId, (r, s) => new { r.BriefingId, s })
            .FirstOrDefaultAsync(ct);
        return found is { s: { ReleasedAt: { } at, ReleasedBy: { } by } snapshot }
            ? new ReleasedReport(ReportContent.FromBytes(snapshot.Content), snapshot.Sha256, by, at, found.BriefingId)
            : null;
    }

    /// <summary>The stored PDF of a released rapportage, without printing; null when none is stored yet.</summary>
    public async Task<byte[]?> StoredAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportPdfs.AsNoTracking().Where(p => p.ReportId == id).Select(p => p.Content).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The stored PDF, printed and stored first when there is none yet. Null when the rapportage is not released (or in
    /// another plan); throws <see cref="ChromiumUnavailableException"/> when it has to be printed and Chromium is missing.
    /// </summary>
    public async Task<byte[]?> GetOrPrintAsync(int id, int? planId = null, CancellationToken ct = default)
    {
        if (await ReleasedAsync(id, planId, ct) is not { } report)
        {
            return null;
        }
        if (await StoredAsync(id, ct) is { } stored)
        {
            return stored;
        }
        if (!chromium.IsAvailable)
        {
            throw new ChromiumUnavailableException();
        }
        // One print at a time here: a burst of first requests prints once; another instance may still race, and loses.
        await _printing.WaitAsync(ct);
        try
        {
            if (await StoredAsync(id, ct) is { } printedMeanwhile)
            {
                return printedMeanwhile;
            }
            var pdf = await PrintAsync(report, ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // The first insert wins, here or on another instance; the loser reads the winner's bytes back, without an error.
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReportPdfs" ("ReportId", "Content", "CreatedAt") VALUES ({id}, {pdf}, {clock.UtcNow})
                ON CONFLICT ("ReportId") DO NOTHING
                """, ct);
            if (inserted == 1)
            {
                log.LogInformation("Stored the PDF of rapportage {ReportId} ({Bytes} bytes)", id, pdf.Length);
                return pdf;
            }
            return await StoredAsync(id, ct) ?? throw new InvalidOperationException($"The PDF of rapportage {id} vanished.");
        }
        finally
        {
            _printing.Release();
        }
    }

    /// <summary>Always Dutch: the PDF is the college's document, the same for every reader.</summary>
    private async Task<byte[]> PrintAsync(ReleasedReport report, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        using var culture = MailCulture.Use(Cultures.Dutch);
        var styles = services.GetService<IWebHostEnvironment>() is { } web ? BriefingEndpoints.Styles(web.WebRootFileProvider) : "";
        var html = await RenderAsync(report, styles, services, loggers);
        return await chromium.PrintAsync(html, ct);
    }

    /// <summary>The rapportage as a complete HTML document, rendered without a circuit.</summary>
    public static async Task<string> RenderAsync(ReleasedReport report, string styles, IServiceProvider services, ILoggerFactory loggers)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ReportPdfDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ReportPdfDocument.Report)] = report,
                [nameof(ReportPdfDocument.Styles)] = styles,
            }));
            return output.ToHtmlString();
        });
        return "<!DOCTYPE html>\n" + html;
    }
}

/// <summary>A PDF had to be printed and there is no Chromium on this server.</summary>
public sealed class ChromiumUnavailableException() : InvalidOperationException("Chromium is not available to print the PDF.");
