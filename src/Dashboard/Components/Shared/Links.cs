using Dashboard.Common;
using Dashboard.Components.Progress;

namespace Dashboard.Components.Shared;

/// <summary>Typed URLs of the pages. The Dutch routes stay stable: users bookmark and share them.</summary>
public static class Links
{
    public const string Overview = "";

    public static string WithReference(string path, ReferencePoint? reference) =>
        reference is { IsExplicit: true } r ? $"{path}?peildatum={Fmt.Iso(r.Date)}" : path;

    public static string Spearpoint(int id, ReferencePoint? reference = null) =>
        WithReference($"speerpunten/{id}", reference);

    public const string Briefings = "bijpraatsessies";

    public const string Plans = "plannen";

    /// <summary>A plan's overview (what <c>/</c> shows for the current plan).</summary>
    public static string Plan(int planId, ReferencePoint? reference = null) => WithReference($"plannen/{planId}", reference);

    public static string PlanBriefings(int planId) => $"plannen/{planId}/bijpraatsessies";

    /// <summary>Presentation mode for a plan without a briefing.</summary>
    public static string PlanPresent(int planId) => $"plannen/{planId}/presentatie";

    public static string Briefing(int id) => $"bijpraatsessies/{id}";

    /// <summary>The printable brief of a briefing, and the same as a PDF download.</summary>
    public static string BriefPrint(int id) => $"bijpraatsessies/{id}/afdrukken";

    public static string BriefPdf(int id) => $"bijpraatsessies/{id}/pdf";

    /// <summary>The griffie's export of a briefing's technische vragen, for beheerders and the plan's editors.</summary>
    public static string QuestionsCsv(int briefingId) => $"bijpraatsessies/{briefingId}/vragen.csv";

    public static string QuestionsPdf(int briefingId) => $"bijpraatsessies/{briefingId}/vragen.pdf";

    /// <summary>Presentation mode for a briefing (its agenda, on its date).</summary>
    public static string Present(int briefingId) => $"presentatie?bijpraatsessie={briefingId}";

    public const string Reports = "rapportages";

    public static string PlanReports(int planId) => $"plannen/{planId}/rapportages";

    public static string Report(int id) => $"rapportages/{id}";

    /// <summary>The PDF of a released rapportage, printed once at release.</summary>
    public static string ReportPdf(int id) => $"rapportages/{id}/pdf";

    public const string Questions = "vragen";

    public static string PlanQuestions(int planId) => Dashboard.Questions.QuestionLinks.Page(planId);
}
