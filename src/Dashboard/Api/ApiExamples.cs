using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Questions;
using Dashboard.Reports;

namespace Dashboard.Api;

/// <summary>
/// The 200 answers of the reads as the OpenAPI document shows them: instances of the very records the endpoints return,
/// serialized with the API's own JSON options, with the demo plan's Dutch content. A field renamed, added or removed in a
/// record changes its example with it (the compiler sees to that), so the example cannot describe another answer.
/// </summary>
public static class ApiExamples
{
    private static readonly DateOnly Peildatum = new(2023, 3, 31);
    private static readonly PlanRef Plan = new(1, "Coalitieplan 2022-2026", "Gemeente Voorbeeld", new DateOnly(2022, 7, 1), new DateOnly(2026, 6, 30), false);
    private static readonly DateTime Recorded = new(2023, 3, 28, 9, 41, 0, DateTimeKind.Utc);

    private static readonly UpdateDto Latest = new(Status.NeedsAttention, "De koppeling met het meldingensysteem loopt vertraging op.",
        "Leverancier later klaar", "Cijfers van april ontbreken", "Handmatige export tot de koppeling werkt", "Fatima el Amrani", Recorded);

    private static readonly SpearpointItem Spearpoint = new(3, "SP1", "Schone en veilige openbare ruimte", SpearpointKind.Substantive, Status.NeedsAttention,
        "Fatima el Amrani", new ProgressDto(2, 5, 40.0), new NextMilestoneDto("Meldingen-app live in alle wijken", new DateOnly(2023, 6, 1), false),
        0, false, Latest, null, null, 5);

    private static readonly MeasurementDto Measurement = new(Peildatum, 412, "Meldingen openbare ruimte, eerste kwartaal");

    private static readonly IndicatorItem Indicator = new(7, "Meldingen openbare ruimte per kwartaal", "meldingen", 520, new DateOnly(2022, 6, 30), 350,
        IndicatorDirection.LowerIsBetter, MeasurementFrequency.Quarterly, Measurement, false, null, null, 2);

    private static readonly IReadOnlyList<MilestoneDto> Milestones =
    [
        new(21, "Wijkschouw in alle twaalf wijken", new DateOnly(2023, 2, 1), new DateOnly(2023, 1, 15), new DateOnly(2023, 2, 14), Status.Done, null,
            false, true, 3, null),
        new(22, "Meldingen-app live in alle wijken", new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 1), null, Status.OnTrack, null, false, false, 1, null),
    ];

    private static readonly StatusUpdateDto Update = new(88, Latest.Status, Latest.Explanation, Latest.Cause, Latest.Consequence, Latest.CorrectiveAction,
        Latest.Author, Latest.RecordedAt);

    private static readonly BriefingItem Briefing = new(4, new DateOnly(2023, 4, 12), "Raadsinformatiebijeenkomst voorjaar 2023", "Gemeenteraad",
        "Stand van de speerpunten na het eerste kwartaal", "", [new AgendaItem(3, "SP1", "Schone en veilige openbare ruimte")]);

    private static readonly ChangesDto Changes = new(new StatusChangeDto(Status.OnTrack, Status.NeedsAttention), false, [Update],
        [new MilestoneChangeDto(MilestoneChangeKind.Completed, 21, "Wijkschouw in alle twaalf wijken", null, new DateOnly(2023, 2, 14), Status.OnTrack,
            Status.Done, null)],
        [new IndicatorMovementDto(7, Indicator.Name, Indicator.Unit, Indicator.Target, new MeasurementDto(new DateOnly(2022, 12, 31), 468, null), Measurement,
            IndicatorTrend.Toward)]);

    private const string Sha256 = "3f1c9a0e5b7d2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e";

    public static readonly PlanList Plans = new(Peildatum,
    [
        new PlanItem(Plan.Id, Plan.Name, Plan.Organisation, "Wat het college deze periode wil bereiken, in acht speerpunten.", Plan.StartDate, Plan.EndDate,
            PlanState.Running, 8, 3, null),
    ]);

    public static readonly PlanDetail PlanWithSpearpoints = new(Plan, "Wat het college deze periode wil bereiken, in acht speerpunten.", Peildatum, [Spearpoint]);

    public static readonly SpearpointDetailDto SpearpointDetail = new(Plan, Peildatum, Spearpoint,
        "Minder meldingen van zwerfafval en kapotte lantaarns, en sneller opgelost.", Milestones, [Update], [Indicator]);

    public static readonly IndicatorDetail IndicatorWithMeasurements = new(Plan, Peildatum, Spearpoint.Id, Spearpoint.Code, Indicator,
        [new MeasurementDto(new DateOnly(2022, 9, 30), 497, null), new MeasurementDto(new DateOnly(2022, 12, 31), 468, null), Measurement]);

    public static readonly BriefingList Briefings = new(Plan, Peildatum, [Briefing]);

    public static readonly BriefingDetailDto BriefingDetail = new(Plan, Briefing, Briefing.Date, false,
        new BriefingRefDto(2, new DateOnly(2022, 11, 16), "Raadsinformatiebijeenkomst najaar 2022"), null,
        [new BriefingSpearpoint(Spearpoint, Milestones, [Indicator], Changes)]);

    public static readonly QuestionList Questions = new(Plan, Peildatum,
    [
        new QuestionDto(41, Spearpoint.Id, Spearpoint.Code, Spearpoint.Title, Briefing.Id, null,
            "Hoeveel meldingen van zwerfafval kwamen er in het eerste kwartaal binnen, en hoe snel waren ze opgelost?", false,
            new DateTime(2023, 3, 20, 8, 30, 0, DateTimeKind.Utc), false, new DateTime(2023, 4, 11, 14, 0, 0, DateTimeKind.Utc), QuestionState.Answered, null,
            new AnswerDto("412 meldingen; 87 procent binnen vijf werkdagen opgelost.", "Fatima el Amrani", new DateTime(2023, 3, 29, 10, 15, 0, DateTimeKind.Utc)),
            [new AnswerDto("412 meldingen; 85 procent binnen vijf werkdagen opgelost.", "Fatima el Amrani", new DateTime(2023, 3, 24, 15, 0, 0, DateTimeKind.Utc))]),
        new QuestionDto(42, Spearpoint.Id, Spearpoint.Code, Spearpoint.Title, null, null,
            "Wanneer werkt de meldingen-app in alle wijken?", false, new DateTime(2023, 3, 30, 19, 5, 0, DateTimeKind.Utc), false, null,
            QuestionState.Open, null, null, []),
    ]);

    public static readonly ReportList Reports = new(Plan,
        [new ReportItem(2, new DateOnly(2022, 12, 31), "Vera Vaststeller", new DateTime(2023, 1, 20, 14, 5, 0, DateTimeKind.Utc), Sha256, 2)]);

    public static readonly ReportDetailDto Report = new(Plan, 2, new DateOnly(2022, 12, 31), "Het eerste halfjaar: zes speerpunten op schema, twee vragen aandacht.",
        "Anna Opsteller", "Vera Vaststeller", new DateTime(2023, 1, 20, 14, 5, 0, DateTimeKind.Utc), Sha256, 2, null,
        [new ReportSpearpoint(Spearpoint, SpearpointDetail.Description, "De koppeling volgt in het tweede kwartaal.", Milestones, [Indicator], null)],
        [new PlanChangeDto(PlanChangeKind.Added, 9, "IS3", "Digitale dienstverlening", null, null, null, null)]);
}
