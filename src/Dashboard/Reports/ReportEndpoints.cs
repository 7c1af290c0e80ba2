using Dashboard.Resources;
using Dashboard.Security;
using Microsoft.Extensions.Localization;

namespace Dashboard.Reports;

/// <summary>The PDF of a released rapportage: the stored one, printed once from the stored snapshot.</summary>
public static class ReportEndpoints
{
    public static void MapReportPdf(this IEndpointRouteBuilder app) =>
        // Only an id comes in. A concept or one ter vaststelling has no PDF: 404 for everyone, as for an unknown id.
        app.MapGet("/rapportages/{id:int}/pdf", async (int id, ReportPdfs pdfs, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        {
            if (await pdfs.ReleasedAsync(id, ct: ct) is not { } report)
            {
                return Results.NotFound();
            }
            try
            {
                var pdf = await pdfs.GetOrPrintAsync(id, ct: ct);
                return pdf is null ? Results.NotFound() : Results.File(pdf, "application/pdf", ReportPdfs.FileName(report.Content.ReferenceDate));
            }
            catch (ChromiumUnavailableException)
            {
                return Results.Text(L["Pdf.Unavailable"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).RequireAuthorization(Policies.Read);
}
