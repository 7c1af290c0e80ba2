using System.Reflection;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// Every page of the app, found from the router's @page attributes, so a page added later is
/// checked without anyone having to remember it. A route with parameters needs a sample here.
/// </summary>
public static class AppRoutes
{
    public static IReadOnlyList<string> Templates { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template)
        .Distinct()
        .Order()
        .ToList();

    private static readonly Dictionary<string, Func<DashboardDbContext, Task<string>>> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/speerpunten/{Id:int}"] = async db => $"/speerpunten/{await db.Spearpoints.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()}",
        // The February briefing: the one with changes since an earlier briefing.
        ["/bijpraatsessies/{Id:int}"] = async db => $"/bijpraatsessies/{await LatestBriefingAsync(db)}",
        ["/bijpraatsessies/{Id:int}/afdrukken"] = async db => $"/bijpraatsessies/{await LatestBriefingAsync(db)}/afdrukken",
        ["/plannen/{PlanId:int}"] = async db => $"/plannen/{await DemoPlanAsync(db)}",
        ["/plannen/{PlanId:int}/bijpraatsessies"] = async db => $"/plannen/{await DemoPlanAsync(db)}/bijpraatsessies",
        ["/plannen/{PlanId:int}/presentatie"] = async db => $"/plannen/{await DemoPlanAsync(db)}/presentatie",
        ["/plannen/{PlanId:int}/rapportages"] = async db => $"/plannen/{await DemoPlanAsync(db)}/rapportages",
        ["/plannen/{PlanId:int}/vragen"] = async db => $"/plannen/{await DemoPlanAsync(db)}/vragen",
        ["/rapportages/{Id:int}"] = async db => $"/rapportages/{await ReportAsync(db)}",
    };

    private static Task<int> DemoPlanAsync(DashboardDbContext db) =>
        db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();

    /// <summary>
    /// The first concept, so that its page offers Bewerken and Ter vaststelling aanbieden (the demo's rapportages are
    /// released or handed in); while there is none, one at the end of 2022 with a note, made once (its figures are the
    /// plan's history on that date, as every concept's).
    /// </summary>
    private static async Task<int> ReportAsync(DashboardDbContext db)
    {
        if (await db.Reports.Where(r => r.State == ReportState.Concept).OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var planId = await DemoPlanAsync(db);
        var spearpoint = await db.Spearpoints.Where(s => s.PlanId == planId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var report = new Report
        {
            PlanId = planId,
            ReferenceDate = new DateOnly(2022, 12, 31),
            Summary = "Het team ligt op koers; twee speerpunten vragen aandacht.\nDe handhaving in de binnenstad loopt vertraging op.",
            PreparedById = "browser-test",
            PreparedBy = "Browsertest",
            CreatedAt = DateTime.UtcNow,
            Authors = [new ReportAuthor { UserId = "browser-test" }],
            Notes = [new ReportNote { SpearpointId = spearpoint, Text = "Een notitie bij het eerste speerpunt." }],
        };
        report.Transitions.Add(new ReportTransition
        {
            From = ReportState.Concept, To = ReportState.Concept, ActorId = "browser-test", Actor = "Browsertest", At = DateTime.UtcNow,
        });
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    private static Task<int> LatestBriefingAsync(DashboardDbContext db) =>
        db.Briefings.OrderByDescending(b => b.Date).Select(b => b.Id).FirstAsync();

    /// <summary>A URL that opens the page of <paramref name="template"/> on the demo data.</summary>
    public static Task<string> UrlAsync(AppServer app, string template) =>
        UrlAsync(app.Get<IDbContextFactory<DashboardDbContext>>(), template);

    /// <summary>A URL that opens the page of <paramref name="template"/> on the demo data of any database (the cluster tests' one).</summary>
    public static async Task<string> UrlAsync(IDbContextFactory<DashboardDbContext> data, string template)
    {
        if (!template.Contains('{'))
        {
            return template;
        }
        if (!Samples.TryGetValue(template, out var sample))
        {
            throw new InvalidOperationException($"The route {template} has parameters: add a sample URL for it to {nameof(AppRoutes)}.{nameof(Samples)}.");
        }
        await using var db = await data.CreateDbContextAsync();
        return await sample(db);
    }

    public static TheoryData<string, string> InBothLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in Templates)
        {
            data.Add(template, "nl-NL");
            data.Add(template, "en-GB");
        }
        return data;
    }
}
