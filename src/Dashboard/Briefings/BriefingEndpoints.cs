using System.Security.Claims;
using Dashboard.Common;
using Dashboard.Editing;
using Dashboard.Reports;
using Dashboard.Users;
using Dashboard.Components.Briefings;
using Dashboard.Components.Questions;
using Dashboard.Questions;
using Dashboard.Mail;
using Dashboard.Resources;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Localization;

namespace Dashboard.Briefings;

/// <summary>The brief of a briefing as a PDF download: the print page's document, printed by Chromium.</summary>
public static class BriefingEndpoints
{
    /// <summary>The stylesheets of the app, in the order the pages load them.</summary>
    private static readonly string[] StyleSheets = ["_content/MudBlazor/MudBlazor.min.css", "app.css"];

    public static void MapBriefPdf(this IEndpointRouteBuilder app) =>
        // Only an id comes in: the server prints its own document, never an address from the request.
        app.MapGet("/bijpraatsessies/{id:int}/pdf", async (int id, HttpContext http, CouncilReads council, UserDirectory users,
            ChromiumPdf chromium, IWebHostEnvironment environment, IStringLocalizer<SharedResource> L, ILoggerFactory loggers, CancellationToken ct) =>
        {
            // The council's brief of a plan set to Vastgestelde stand is the released rapportage.
            var reader = await ActorAsync(http, users, ct);
            var model = await council.BriefingAsync(reader, id, ct);
            if (model is null)
            {
                return Results.NotFound();
            }
            if (!chromium.IsAvailable)
            {
                return Results.Text(L["Pdf.Unavailable"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var html = await RenderAsync(model, Styles(environment.WebRootFileProvider), http.RequestServices, loggers);
            var pdf = await chromium.PrintAsync(html, ct);
            return Results.File(pdf, "application/pdf", $"{L["Pdf.FileName"]}-{Fmt.Iso(model.Briefing.Date)}.pdf");
        }).RequireAuthorization(Policies.Read);

    /// <summary>The brief as a complete HTML document, rendered without a circuit.</summary>
    public static Task<string> RenderAsync(BriefingDetail model, string styles, IServiceProvider services, ILoggerFactory loggers) =>
        RenderAsync<BriefPdfDocument>(new Dictionary<string, object?>
        {
            [nameof(BriefPdfDocument.Model)] = model,
            [nameof(BriefPdfDocument.Styles)] = styles,
        }, services, loggers);

    /// <summary>A document component as a complete HTML document, rendered without a circuit, for Chromium to print.</summary>
    public static async Task<string> RenderAsync<TDocument>(IDictionary<string, object?> parameters, IServiceProvider services, ILoggerFactory loggers)
        where TDocument : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TDocument>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return "<!DOCTYPE html>\n" + html;
    }

    /// <summary>
    /// The griffie's export of a briefing's questions, CSV and PDF: the service decides who may (403 otherwise, audited) and
    /// what is in it.
    /// </summary>
    public static void MapQuestionExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bijpraatsessies/{id:int}/vragen.csv", async (int id, HttpContext http, UserDirectory users, QuestionExport export,
            IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        {
            var read = await export.ReadAsync(await ActorAsync(http, users, ct), id, ct);
            return read switch
            {
                { Refused: { } refused } => Results.Text(refused.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
                { Model: { } model } => Results.File(QuestionExport.Csv(model, L), "text/csv; charset=utf-8", $"{QuestionExport.FileName(model, L)}.csv"),
                _ => Results.NotFound(),
            };
        }).RequireAuthorization(Policies.Read);

        app.MapGet("/bijpraatsessies/{id:int}/vragen.pdf", async (int id, HttpContext http, UserDirectory users, QuestionExport export,
            ChromiumPdf chromium, IWebHostEnvironment environment, IStringLocalizer<SharedResource> L, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var read = await export.ReadAsync(await ActorAsync(http, users, ct), id, ct);
            if (read is { Refused: { } refused })
            {
                return Results.Text(refused.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            if (read.Model is not { } model)
            {
                return Results.NotFound();
            }
            if (!chromium.IsAvailable)
            {
                return Results.Text(L["Pdf.Unavailable"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var html = await RenderAsync<QuestionExportDocument>(new Dictionary<string, object?>
            {
                [nameof(QuestionExportDocument.Model)] = model,
                [nameof(QuestionExportDocument.Styles)] = Styles(environment.WebRootFileProvider),
            }, http.RequestServices, loggers);
            return Results.File(await chromium.PrintAsync(html, ct), "application/pdf", $"{QuestionExport.FileName(model, L)}.pdf");
        }).RequireAuthorization(Policies.Read);
    }

    private static async Task<Actor> ActorAsync(HttpContext http, UserDirectory users, CancellationToken ct) =>
        http.User.Identity?.IsAuthenticated == true
            ? await users.ActorForAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct: ct)
            : Actor.Anonymous;

    public static string Styles(IFileProvider files) => string.Join("\n", StyleSheets.Select(path =>
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists)
        {
            return "";
        }
        using var reader = new StreamReader(file.CreateReadStream());
        // Inlined inside <style>: a stray "</" must not close it.
        return reader.ReadToEnd().Replace("</", "<\\/");
    }));
}
