using System.Security.Claims;
using Dashboard.Common;
using Dashboard.Editing;
using Dashboard.Reports;
using Dashboard.Users;
using Dashboard.Components.Briefings;
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
            var reader = http.User.Identity?.IsAuthenticated == true
                ? await users.ActorForAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct: ct)
                : Actor.Anonymous;
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
    public static async Task<string> RenderAsync(BriefingDetail model, string styles, IServiceProvider services, ILoggerFactory loggers)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<BriefPdfDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BriefPdfDocument.Model)] = model,
                [nameof(BriefPdfDocument.Styles)] = styles,
            }));
            return output.ToHtmlString();
        });
        return "<!DOCTYPE html>\n" + html;
    }

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
