using System.Security.Claims;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Api;

/// <summary>
/// /api/v1: the plan read as the pages show it on a peildatum, and the three writes other systems need, each
/// through the same service method as the UI (role and scope, Dutch validation, audit, live push).
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireRateLimiting(ApiSetup.RateLimitPolicy)
            .WithTags("Voortgangsdashboard")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        if (app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.CorsOrigins.Length > 0)
        {
            api.RequireCors(ApiSetup.CorsPolicy);
        }

        var read = api.MapGroup("").RequireAuthorization(ApiSetup.ReadPolicy).WithMetadata(new RequiredScope(ApiScopes.Read))
            .AddEndpointFilter(Peildatum.Refuse)
            .AddEndpointFilter(PlanLimit.Refuse)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        read.MapGet("/plans", GetPlansAsync)
            .WithName("GetPlans")
            .WithMetadata(new ApiExample(null, ApiExamples.Plans))
            .WithSummary("De plannen")
            .WithDescription("Alle plannen, ook gearchiveerde, met periode en toestand (running, coming, ended, archived) op de peildatum; het huidige plan eerst.");

        read.MapGet("/plans/{planId:int}", GetPlanAsync)
            .WithName("GetPlan")
            .WithMetadata(new ApiExample(null, ApiExamples.PlanWithSpearpoints))
            .WithSummary("Een plan met zijn speerpunten")
            .WithDescription("De speerpunten van het plan zoals het overzicht ze op de peildatum toont: status, voortgang van de mijlpalen, laatste voortgangsbericht, eigenaar.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/spearpoints/{id:int}", GetSpearpointAsync)
            .WithName("GetSpearpoint")
            .WithMetadata(new ApiExample(null, ApiExamples.SpearpointDetail))
            .WithSummary("Een speerpunt")
            .WithDescription("Met mijlpalen, de volledige statusgeschiedenis en de indicatoren, op de peildatum. De ETag is de versie van het speerpunt, voor If-Match bij een statusupdate.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/questions", GetQuestionsAsync)
            .WithName("GetQuestions")
            .WithMetadata(new ApiExample(null, ApiExamples.Questions))
            .WithSummary("De technische vragen van een plan")
            .WithDescription("De vragen die tot en met de peildatum gesteld zijn, oudste eerst, met het antwoord zoals het toen luidde (de laatste versie van die dag of eerder) en eerdere versies na een correctie. Openbare vragen; zonder naam van de vraagsteller (askedBy is null). Vragen en antwoorden zijn de eigen woorden van het team en staan er meteen, ook bij een plan waarvan de raad de vastgestelde stand ziet.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/spearpoints/{id:int}/questions", GetSpearpointQuestionsAsync)
            .WithName("GetSpearpointQuestions")
            .WithMetadata(new ApiExample(null, ApiExamples.Questions))
            .WithSummary("De technische vragen over een speerpunt")
            .WithDescription("Als de technische vragen van het plan, alleen die over dit speerpunt. Een speerpunt van een ander plan: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/indicators/{id:int}", GetIndicatorAsync)
            .WithName("GetIndicator")
            .WithMetadata(new ApiExample(null, ApiExamples.IndicatorWithMeasurements))
            .WithSummary("Een indicator met zijn metingen")
            .WithDescription("Alle metingen (realisaties) tot en met de peildatum, oudste eerst.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/briefings", GetBriefingsAsync)
            .WithName("GetBriefings")
            .WithMetadata(new ApiExample(null, ApiExamples.Briefings))
            .WithSummary("De bijpraatsessies van een plan")
            .WithDescription("Op datum, oudste eerst; met een peildatum alleen de sessies tot en met die dag.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/briefings/{id:int}", GetBriefingAsync)
            .WithName("GetBriefing")
            .WithMetadata(new ApiExample(null, ApiExamples.BriefingDetail))
            .WithSummary("Een bijpraatsessie met wat er sinds de vorige veranderde")
            .WithDescription("De stand van elk speerpunt op de agenda op de dag van de sessie en, als er een eerdere sessie was, wat er sindsdien veranderde: status, nieuwe voortgangsberichten, mijlpalen, indicatoren.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/reports", GetReportsAsync)
            .WithName("GetReports")
            .WithMetadata(new ApiExample(null, ApiExamples.Reports))
            .WithSummary("De vastgestelde rapportages van een plan")
            .WithDescription("Alleen vastgestelde rapportages (geen concepten, geen rapportages ter vaststelling), oudste peildatum eerst: peildatum, vastgesteld door en op, en de SHA-256 van het opgeslagen document. Met een peildatum alleen de rapportages tot en met die dag.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/reports/{id:int}", GetReportAsync)
            .WithName("GetReport")
            .WithMetadata(new ApiExample(null, ApiExamples.Report))
            .WithSummary("Een vastgestelde rapportage")
            .WithDescription("De inhoud zoals die is vastgesteld, gelezen uit het opgeslagen document (latere wijzigingen veranderen haar niet): samenvatting, per speerpunt de stand op de peildatum met de notitie, wat er sinds de vorige vastgestelde rapportage veranderde, en wie haar wanneer vaststelde met de SHA-256. Een concept of een rapportage ter vaststelling: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/plans/{planId:int}/reports/{id:int}/pdf", GetReportPdfAsync)
            .WithName("GetReportPdf")
            .WithSummary("De PDF van een vastgestelde rapportage")
            .WithDescription("De PDF die bij het vaststellen eenmaal is gemaakt en bewaard, met \"Vastgesteld door … op …\" en de SHA-256; voor iedereen dezelfde bytes. Een concept of een rapportage ter vaststelling: 404.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/plans/{planId:int}/indicators/{id:int}/measurements", AddMeasurementAsync)
            .RequireAuthorization(ApiSetup.MeasurementsPolicy).WithMetadata(new RequiredScope(ApiScopes.Measurements))
            .WithName("AddMeasurement")
            .WithSummary("Een meting toevoegen")
            .WithDescription("Voegt een meting (realisatie) toe aan een indicator; scope `measurements`. Met een `Idempotency-Key` levert een herhaalde levering hetzelfde antwoord en slaat niets opnieuw op.")
            .Accepts<MeasurementInput>("application/json")
            .Produces<MeasurementCreated>(StatusCodes.Status201Created)
            .WithMetadata(new ApiExample(
                new MeasurementInput(new DateOnly(2023, 3, 31), 412, "Meldingen openbare ruimte, eerste kwartaal"),
                new MeasurementCreated(1234, 7, new DateOnly(2023, 3, 31), 412, "Meldingen openbare ruimte, eerste kwartaal")))
            .WithIdempotencyKey()
            .WriteProblems();

        api.MapPost("/plans/{planId:int}/spearpoints/{id:int}/status", AddStatusAsync)
            .RequireAuthorization(ApiSetup.StatusPolicy).WithMetadata(new RequiredScope(ApiScopes.Status))
            .WithName("AddStatusUpdate")
            .WithSummary("Een statusupdate toevoegen")
            .WithDescription("Een nieuw voortgangsbericht bij een speerpunt; scope `status`. Bij needsAttention en delayed zijn cause, consequence en correctiveAction verplicht. `If-Match: \"<versie>\"` (de ETag van het speerpunt) voorkomt dat een wijziging van een collega ongezien blijft: bij een andere versie 412.")
            .Accepts<StatusInput>("application/json")
            .Produces<StatusCreated>(StatusCodes.Status201Created)
            .WithMetadata(new ApiExample(
                new StatusInput(Status.NeedsAttention, "De koppeling met het meldingensysteem loopt vertraging op.", "Leverancier later klaar",
                    "Cijfers van april ontbreken", "Handmatige export tot de koppeling werkt"),
                new StatusCreated(88, 3, Status.NeedsAttention, 5)))
            .WithIdempotencyKey()
            .WithIfMatch()
            .WriteProblems();

        api.MapPost("/plans/{planId:int}/milestones/{id:int}/complete", CompleteMilestoneAsync)
            .RequireAuthorization(ApiSetup.StatusPolicy).WithMetadata(new RequiredScope(ApiScopes.Status))
            .WithName("CompleteMilestone")
            .WithSummary("Een mijlpaal afronden")
            .WithDescription("Markeert een mijlpaal als gereed op een datum (vandaag of eerder); scope `status`. `If-Match` met de versie van de mijlpaal (veld `version` bij het speerpunt).")
            .Accepts<CompleteInput>("application/json")
            .Produces<MilestoneCompleted>(StatusCodes.Status200OK)
            .WithMetadata(new ApiExample(new CompleteInput(new DateOnly(2023, 2, 14)), new MilestoneCompleted(21, new DateOnly(2023, 2, 14), 3)))
            .WithIdempotencyKey()
            .WithIfMatch()
            .WriteProblems();
    }

    private static RouteHandlerBuilder WriteProblems(this RouteHandlerBuilder b) => b
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder b) => b.WithMetadata(new ApiHeader(ApiWrites.IdempotencyHeader,
        "Een eigen sleutel van deze levering (bijvoorbeeld een UUID). Dezelfde sleutel met hetzelfde verzoek geeft het opgeslagen antwoord en slaat niets opnieuw op; met een ander verzoek 422."));

    private static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder b) => b
        .WithMetadata(new ApiHeader("If-Match", "De versie waarvan u uitging, als \"3\". Weggelaten: de huidige versie."))
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    // Reads

    private static async Task<Ok<PlanList>> GetPlansAsync([AsParameters] PlansRead r)
    {
        var day = r.Peildatum?.Date ?? r.Read.Clock.Today;
        var plans = await r.Read.Queries.GetPlansAsync(includeArchived: true, r.Cancel);
        return TypedResults.Ok(new PlanList(day, plans.Where(p => r.Reader.KeyReaches(p.Plan.Id)).Select(p => new PlanItem(p.Plan.Id, p.Plan.Name, p.Plan.Organisation, p.Plan.Description,
            p.Plan.StartDate, p.Plan.EndDate, ProgressRules.PlanStateOf(p.Plan.StartDate, p.Plan.EndDate, p.Plan.IsArchived, day),
            p.SpearpointCount, p.BriefingCount, p.PreviousPlanId)).ToList()));
    }

    private static async Task<Results<Ok<PlanDetail>, NotFound<ProblemDetails>>> GetPlanAsync([AsParameters] PlanRead r)
    {
        if (await r.Read.Council.OverviewAsync(r.Reader, r.PlanId, r.Peildatum?.Date, r.Cancel) is not { } overview)
        {
            return r.Read.NotFound("Api.Problem.NoPlan", r.PlanId);
        }
        var spearpoints = overview.Development.Concat(overview.Substantive).Concat(overview.EndedSpearpoints).Select(SpearpointItem.From).ToList();
        return TypedResults.Ok(new PlanDetail(PlanRef.From(overview.Plan), overview.Plan.Description, overview.Reference.Date, spearpoints));
    }

    private static async Task<Results<Ok<SpearpointDetailDto>, NotFound<ProblemDetails>>> GetSpearpointAsync([AsParameters] PlanItemRead r)
    {
        var queries = r.Read.Queries;
        if (await r.Read.Council.SpearpointAsync(r.Reader, r.Id, r.Peildatum?.Date, r.Cancel) is not { } detail || detail.Plan.Id != r.PlanId
            || !detail.ExistsOnReference)
        {
            return r.Read.NotFound("Api.Problem.NoSpearpoint", r.Id, r.PlanId);
        }
        // A released rapportage's history is its own; the live one in full.
        var history = detail.Shown is { IsReleased: true } ? detail.History : await queries.GetStatusHistoryAsync(r.Id, detail.Reference, r.Cancel);
        r.Response.Headers.ETag = $"\"{detail.Summary.Version}\"";
        return TypedResults.Ok(new SpearpointDetailDto(PlanRef.From(detail.Plan), detail.Reference.Date, SpearpointItem.From(detail.Summary),
            detail.Description, detail.Milestones.Select(MilestoneDto.From).ToList(), history.Select(StatusUpdateDto.From).ToList(),
            detail.Indicators.Select(IndicatorItem.From).ToList()));
    }

    private static async Task<Results<Ok<IndicatorDetail>, NotFound<ProblemDetails>>> GetIndicatorAsync([AsParameters] PlanItemRead r)
    {
        var spearpointId = await r.Read.Lookups.SpearpointOfIndicatorAsync(r.PlanId, r.Id, r.Cancel);
        var detail = spearpointId is { } sid ? await r.Read.Council.SpearpointAsync(r.Reader, sid, r.Peildatum?.Date, r.Cancel) : null;
        if (detail?.Indicators.FirstOrDefault(i => i.Id == r.Id) is not { } indicator)
        {
            return r.Read.NotFound("Api.Problem.NoIndicator", r.Id, r.PlanId);
        }
        r.Response.Headers.ETag = $"\"{indicator.Version}\"";
        return TypedResults.Ok(new IndicatorDetail(PlanRef.From(detail.Plan), detail.Reference.Date, detail.Summary.Id, detail.Summary.Code,
            IndicatorItem.From(indicator), indicator.Measurements.Select(MeasurementDto.From).ToList()));
    }

    private static async Task<Results<Ok<BriefingList>, NotFound<ProblemDetails>>> GetBriefingsAsync([AsParameters] PlanRead r)
    {
        if (await r.Read.Briefings.GetBriefingsAsync(r.PlanId, r.Cancel) is not { } model)
        {
            return r.Read.NotFound("Api.Problem.NoPlan", r.PlanId);
        }
        var date = r.Peildatum?.Date;
        var briefings = model.Past.Concat(model.Coming)
            .Where(b => date is not { } d || b.Date <= d)
            .OrderBy(b => b.Date).ThenBy(b => b.Id)
            .Select(BriefingItem.From).ToList();
        return TypedResults.Ok(new BriefingList(PlanRef.From(model.Plan), date ?? r.Read.Clock.Today, briefings));
    }

    private static async Task<Results<Ok<BriefingDetailDto>, NotFound<ProblemDetails>>> GetBriefingAsync([AsParameters] PlanItemRead r)
    {
        if (await r.Read.Council.BriefingAsync(r.Reader, r.Id, r.Cancel) is not { } detail || detail.Plan.Id != r.PlanId
            || (r.Peildatum?.Date is { } d && detail.Briefing.Date > d))
        {
            return r.Read.NotFound("Api.Problem.NoBriefing", r.Id, r.PlanId);
        }
        return TypedResults.Ok(new BriefingDetailDto(PlanRef.From(detail.Plan), BriefingItem.From(detail.Briefing), detail.Reference.Date,
            detail.IsUpcoming,
            detail.Previous is { } p ? new BriefingRefDto(p.Id, p.Date, p.Title) : null,
            detail.Next is { } n ? new BriefingRefDto(n.Id, n.Date, n.Title) : null,
            detail.Spearpoints.Select(s => new BriefingSpearpoint(SpearpointItem.From(s.Summary), s.Milestones.Select(MilestoneDto.From).ToList(),
                s.Indicators.Select(IndicatorItem.From).ToList(), ChangesDto.From(s.Changes))).ToList()));
    }

    private static async Task<Results<Ok<ReportList>, NotFound<ProblemDetails>>> GetReportsAsync([AsParameters] PlanRead r)
    {
        if (await r.Read.Reports.GetReleasedAsync(r.PlanId, r.Cancel) is not { } model)
        {
            return r.Read.NotFound("Api.Problem.NoPlan", r.PlanId);
        }
        var date = r.Peildatum?.Date;
        return TypedResults.Ok(new ReportList(PlanRef.From(model.Plan),
            model.Reports.Where(x => date is not { } d || x.ReferenceDate <= d).Select(ReportItem.From).ToList()));
    }

    /// <summary>Released, of this plan, and (with a peildatum) not after it; anything else is not there.</summary>
    private static async Task<ReleasedReport?> ReleasedAsync(PlanItemRead r)
    {
        var report = await r.Read.ReportPdfs.ReleasedAsync(r.Id, r.PlanId, r.Cancel);
        return report is not null && r.Peildatum?.Date is { } d && report.Content.ReferenceDate > d ? null : report;
    }

    private static async Task<Results<Ok<ReportDetailDto>, NotFound<ProblemDetails>>> GetReportAsync([AsParameters] PlanItemRead r) =>
        await ReleasedAsync(r) is { } report
            ? TypedResults.Ok(ReportDetailDto.From(report))
            : r.Read.NotFound("Api.Problem.NoReport", r.Id, r.PlanId);

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, JsonHttpResult<ProblemDetails>>> GetReportPdfAsync(
        [AsParameters] PlanItemRead r)
    {
        if (await ReleasedAsync(r) is not { } report)
        {
            return r.Read.NotFound("Api.Problem.NoReport", r.Id, r.PlanId);
        }
        try
        {
            var pdf = await r.Read.ReportPdfs.GetOrPrintAsync(r.Id, r.PlanId, r.Cancel);
            return pdf is null
                ? r.Read.NotFound("Api.Problem.NoReport", r.Id, r.PlanId)
                : TypedResults.File(pdf, "application/pdf", ReportPdfs.FileName(report.Content.ReferenceDate));
        }
        catch (ChromiumUnavailableException)
        {
            return TypedResults.Json(r.Read.Problems.Create(StatusCodes.Status503ServiceUnavailable, "Pdf.Unavailable"), ApiProblems.Json,
                ApiProblems.ContentType, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static Task<Results<Ok<QuestionList>, NotFound<ProblemDetails>>> GetQuestionsAsync([AsParameters] PlanRead r) =>
        QuestionsAsync(r.Read, r.Reader, r.PlanId, null, r.Peildatum?.Date, r.Cancel);

    private static Task<Results<Ok<QuestionList>, NotFound<ProblemDetails>>> GetSpearpointQuestionsAsync([AsParameters] PlanItemRead r) =>
        QuestionsAsync(r.Read, r.Reader, r.PlanId, r.Id, r.Peildatum?.Date, r.Cancel);

    /// <summary>
    /// The questions as the pages show them to this reader (<see cref="QuestionReader.See"/>): a key or an anonymous reader is not
    /// signed in, so it sees the public ones without the asker's name. Not gated by rapportages: the team's own words, at once.
    /// </summary>
    private static async Task<Results<Ok<QuestionList>, NotFound<ProblemDetails>>> QuestionsAsync(ApiReadServices read, Actor reader, int planId,
        int? spearpointId, DateOnly? peildatum, CancellationToken ct)
    {
        if (await read.Questions.GetPageAsync(reader, planId, ct) is not { } model)
        {
            return read.NotFound("Api.Problem.NoPlan", planId);
        }
        if (spearpointId is { } id && model.Spearpoints.All(s => s.Id != id))
        {
            return read.NotFound("Api.Problem.NoSpearpoint", id, planId);
        }
        var stored = peildatum is { } day ? model.Questions.On(day) : model.Questions;
        var questions = model.Reader.See(stored).Where(q => spearpointId is not { } sid || q.SpearpointId == sid).Select(QuestionDto.From).ToList();
        return TypedResults.Ok(new QuestionList(PlanRef.From(model.Plan), peildatum ?? read.Clock.Today, questions));
    }

    // Writes

    private static Task<IResult> AddMeasurementAsync(int planId, int id, HttpContext http, ClaimsPrincipal user, ApiWrites writes,
        IndicatorEditor editor) =>
        writes.RunAsync(http, async body =>
        {
            if (!writes.TryReadBody<MeasurementInput>(http, body, out var input, out var problem))
            {
                return problem;
            }
            return await writes.SaveAsync(http,
                () => editor.AddMeasurementAsync(ApiActors.For(user), new AddMeasurementCommand(planId, id, input.Date, input.Value, input.Note)),
                result => new ApiAnswer(StatusCodes.Status201Created, new MeasurementCreated(result.CreatedId ?? 0, id, input.Date!.Value,
                    input.Value!.Value, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim()), Location: $"{Prefix}/plans/{planId}/indicators/{id}"));
        });

    private static Task<IResult> AddStatusAsync(int planId, int id, HttpContext http, ClaimsPrincipal user, ApiWrites writes, ApiQueries lookups,
        StatusEditor editor) =>
        writes.RunAsync(http, async body =>
        {
            if (!writes.TryReadBody<StatusInput>(http, body, out var input, out var problem)
                || !writes.TryIfMatch(http, await lookups.SpearpointVersionAsync(planId, id, http.RequestAborted), out var version, out problem))
            {
                return problem;
            }
            // No status is not a status: the service names the field.
            var status = input.Status ?? (Status)(-1);
            return await writes.SaveAsync(http,
                () => editor.SaveStatusAsync(ApiActors.For(user),
                    new StatusCommand(planId, id, version, status, input.Explanation, input.Cause, input.Consequence, input.CorrectiveAction)),
                result => new ApiAnswer(StatusCodes.Status201Created, new StatusCreated(result.CreatedId ?? 0, id, status, result.Version ?? 0),
                    result.Version, $"{Prefix}/plans/{planId}/spearpoints/{id}"));
        });

    private static Task<IResult> CompleteMilestoneAsync(int planId, int id, HttpContext http, ClaimsPrincipal user, ApiWrites writes,
        ApiQueries lookups, MilestoneEditor editor) =>
        writes.RunAsync(http, async body =>
        {
            if (!writes.TryReadBody<CompleteInput>(http, body, out var input, out var problem)
                || !writes.TryIfMatch(http, await lookups.MilestoneVersionAsync(planId, id, http.RequestAborted), out var version, out problem))
            {
                return problem;
            }
            return await writes.SaveAsync(http,
                () => editor.CompleteAsync(ApiActors.For(user), new CompleteMilestoneCommand(planId, id, version, input.CompletedOn)),
                result => new ApiAnswer(StatusCodes.Status200OK, new MilestoneCompleted(id, input.CompletedOn!.Value, result.Version ?? 0), result.Version));
        });
}

/// <summary>A request and a response example for the OpenAPI document.</summary>
public sealed record ApiExample(object? Request, object? Response);

/// <summary>A request header an operation reads, for the OpenAPI document.</summary>
public sealed record ApiHeader(string Name, string Description);
