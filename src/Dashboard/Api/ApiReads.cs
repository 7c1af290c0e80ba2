using System.Security.Claims;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Api;

/// <summary>
/// ?peildatum=yyyy-MM-dd, as on the pages. Binding never fails: a value that is no such date is kept
/// as <see cref="Rejected"/>, so that <see cref="Refuse"/> answers with the Dutch message that names the parameter
/// instead of the framework's bare 400.
/// </summary>
public readonly record struct Peildatum(DateOnly? Date, string? Rejected)
{
    public const string Name = "peildatum";

    public static bool TryParse(string? value, IFormatProvider? provider, out Peildatum result)
    {
        var date = Fmt.ParseIso(value);
        result = new(date, date is null ? value : null);
        return true;
    }

    /// <summary>The endpoint filter of the reads: a rejected peildatum is a 400 problem document with a message for the field.</summary>
    public static async ValueTask<object?> Refuse(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<IApiRead>().Any(r => r.Peildatum?.Rejected is not null))
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<ApiProblems>();
            var message = problems.Text("Api.Problem.FieldFormat", [Name, problems.Text("Api.Hint.Date")]);
            return problems.Result(StatusCodes.Status400BadRequest, "Api.Problem.Invalid", errors: new Dictionary<string, string> { [Name] = message });
        }
        return await next(context);
    }
}

/// <summary>
/// A key limited to plans reads only those: any other plan is not there for it (404, as a plan that does not exist), and
/// GET /plans lists only its own. Its writes elsewhere are refused by the services (403).
/// </summary>
public static class PlanLimit
{
    public static async ValueTask<object?> Refuse(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetRouteValue("planId") is string raw && int.TryParse(raw, out var planId)
            && !ApiActors.For(context.HttpContext.User).KeyReaches(planId))
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<ApiProblems>();
            return TypedResults.NotFound(problems.Create(StatusCodes.Status404NotFound, "Api.Problem.NoPlan", [planId]));
        }
        return await next(context);
    }
}

/// <summary>What every read is given: a peildatum, refused by <see cref="Peildatum.Refuse"/> before the read runs when it is no date.</summary>
public interface IApiRead
{
    /// <summary>None: today.</summary>
    Peildatum? Peildatum { get; }
}

/// <summary>The services the reads go through: the pages' read models and the API's own look-ups.</summary>
public sealed class ApiReadServices(DashboardQueries queries, BriefingQueries briefings, CouncilReads council, ApiQueries lookups,
    DashboardClock clock, ApiProblems problems, ReportQueries reports, ReportPdfs reportPdfs, QuestionQueries questions)
{
    /// <summary>Technische vragen: the team's own words, read live (not through a rapportage), shown as QuestionReader.See decides.</summary>
    public QuestionQueries Questions => questions;
    public DashboardQueries Queries => queries;
    /// <summary>What the key (or an anonymous reader) sees of a plan: without the live scope, a plan's released state.</summary>
    public CouncilReads Council => council;
    public BriefingQueries Briefings => briefings;
    public ReportQueries Reports => reports;
    public ReportPdfs ReportPdfs => reportPdfs;
    public ApiProblems Problems => problems;
    public ApiQueries Lookups => lookups;
    public DashboardClock Clock => clock;

    public NotFound<ProblemDetails> NotFound(string detailKey, params object[] args) =>
        TypedResults.NotFound(problems.Create(StatusCodes.Status404NotFound, detailKey, args));
}

/// <summary>GET /plans.</summary>
public sealed record PlansRead([FromQuery(Name = Peildatum.Name)] Peildatum? Peildatum, ApiReadServices Read, ClaimsPrincipal User,
    CancellationToken Cancel) : IApiRead
{
    public Actor Reader => ApiActors.For(User);
}

/// <summary>A read of one plan: GET /plans/{planId} and its briefings.</summary>
public sealed record PlanRead(int PlanId, [FromQuery(Name = Peildatum.Name)] Peildatum? Peildatum, ApiReadServices Read, ClaimsPrincipal User,
    CancellationToken Cancel) : IApiRead
{
    public Actor Reader => ApiActors.For(User);
}

/// <summary>A read of one thing of a plan (a spearpoint, an indicator, a briefing), which may answer with its version as ETag.</summary>
public sealed record PlanItemRead(int PlanId, int Id, [FromQuery(Name = Peildatum.Name)] Peildatum? Peildatum, ApiReadServices Read,
    HttpResponse Response, ClaimsPrincipal User, CancellationToken Cancel) : IApiRead
{
    public Actor Reader => ApiActors.For(User);
}
