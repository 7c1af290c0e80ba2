using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Reports;
using Dashboard.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Mail;

/// <summary>The brief of a briefing as a PDF, made when its digest is sent, in the reader's language; none without Chromium.</summary>
public sealed class MailAttachments(
    IServiceScopeFactory scopes,
    IDbContextFactory<DashboardDbContext> dbFactory,
    ChromiumPdf chromium,
    Reports.ReportPdfs reports,
    ILoggerFactory loggers,
    ILogger<MailAttachments> log)
{
    public sealed record Pdf(string FileName, byte[] Content);

    public async Task<Pdf?> BriefPdfAsync(int briefingId, string? userId, CancellationToken ct)
    {
        if (!chromium.IsAvailable)
        {
            log.LogInformation("No PDF of briefing {BriefingId} with the digest: Chromium is not available", briefingId);
            return null;
        }
        string? language;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            language = await db.Users.Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(ct);
        }
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        using var culture = MailCulture.Use(language);
        // Attached to the council's digest: what the council sees.
        var model = await services.GetRequiredService<CouncilReads>().BriefingAsync(CouncilReads.Council, briefingId, ct);
        if (model is null)
        {
            return null;
        }
        var styles = services.GetService<IWebHostEnvironment>() is { } web ? BriefingEndpoints.Styles(web.WebRootFileProvider) : "";
        var html = await BriefingEndpoints.RenderAsync(model, styles, services, loggers);
        var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        return new Pdf($"{L["Pdf.FileName"]}-{Fmt.Iso(model.Briefing.Date)}.pdf", await chromium.PrintAsync(html, ct));
    }

    /// <summary>
    /// The stored PDF of a released rapportage, the same bytes for every reader (printed and stored first when nobody asked for
    /// it yet); none without Chromium when it still has to be printed.
    /// </summary>
    public async Task<Pdf?> ReportPdfAsync(int reportId, CancellationToken ct)
    {
        var pdfs = reports;
        if (await pdfs.ReleasedAsync(reportId, ct: ct) is not { } report)
        {
            return null;
        }
        try
        {
            return await pdfs.GetOrPrintAsync(reportId, ct: ct) is { } pdf ? new Pdf(Reports.ReportPdfs.FileName(report.Content.ReferenceDate), pdf) : null;
        }
        catch (Reports.ChromiumUnavailableException)
        {
            log.LogInformation("No PDF of rapportage {ReportId} with the message: Chromium is not available", reportId);
            return null;
        }
    }
}
