using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Questions;

/// <summary>
/// The technische vragen of the demo plan's February 2023 briefing, so that a new install shows the whole round: answered on
/// time, one asked after *vragen tot*, one answered after *antwoord uiterlijk* (Te laat beantwoord) and one not public. Dated
/// with the story, with the deadlines the default settings give that briefing; asked by the demo raadslid's account when it
/// exists (else its sign-in name stands for it).
/// </summary>
public static partial class DemoQuestions
{
    public const string AskerAccount = "raadslid@demo.local";
    private const string Asker = "Raadslid (demo)";

    private sealed record Script(string Code, string Text, string AskedAt, bool NotPublic, string? Answer = null, string AnsweredBy = "", string AnsweredAt = "");

    private static readonly Script[] Scripts =
    [
        new("SP2", "Hoeveel extra diensten in de avond en het weekend levert het nieuwe roostermodel per maand op, en vanaf wanneer?",
            "2023-02-06T09:30", false,
            "In de pilot zijn er vanaf eind februari per maand twaalf extra avonddiensten en acht extra weekenddiensten. De evaluatie volgt na de zomer.",
            "Interim-manager HOR", "2023-02-10T11:00"),
        new("IS1", "Is het aantal meldingen van geluidsoverlast in het uitgaansgebied sinds januari gedaald, en met hoeveel?",
            "2023-02-07T14:15", false,
            "In januari kwamen er 38 meldingen binnen, tegen 61 in januari 2022: een daling van ongeveer een derde.",
            "Manager Veiligheid & Leefbaarheid", "2023-02-13T17:30"),
        new("SP4", "Hoeveel vacatures voor boa's staan er nu open, en hoeveel kandidaten zitten in de selectie?",
            "2023-02-08T10:00", true,
            "Er staan vier vacatures open; drie kandidaten zitten in de tweede ronde. Wij informeren u vertrouwelijk over de uitkomst.",
            "Interim-manager HOR", "2023-02-10T15:00"),
        new("SP3", "Wanneer krijgen melders weer bericht over wat er met hun melding is gebeurd?",
            "2023-02-09T16:45", false,
            "Vanaf 1 maart krijgt iedere melder binnen vijf werkdagen bericht. De achterstand van de meldingen sinds september wordt in maart weggewerkt.",
            "Manager Veiligheid & Leefbaarheid", "2023-02-13T12:00"),
    ];

    /// <summary>Adds the questions to the stored demo plan's February 2023 briefing; call before saving.</summary>
    public static Task AddAsync(DashboardDbContext db, Plan plan, CancellationToken ct) =>
        AddAsync(db, plan, plan.Briefings.Single(b => b.Date == new DateOnly(2023, 2, 14)), Scripts, ct);

    /// <summary>Each question for the briefing, with the deadlines the default settings give it, asked by the demo raadslid.</summary>
    private static async Task AddAsync(DashboardDbContext db, Plan plan, Briefing briefing, IEnumerable<Script> scripts, CancellationToken ct)
    {
        var options = new QuestionOptions();
        var until = QuestionDeadlines.AtUtc(QuestionDeadlines.WorkingDaysBefore(briefing.Date, options.AskWorkingDaysBefore), options.AskUntil);
        var by = QuestionDeadlines.AtUtc(QuestionDeadlines.WorkingDaysBefore(briefing.Date, options.AnswerWorkingDaysBefore), options.AnswerBy);
        var askerId = await db.Users.Where(u => u.NormalizedEmail == AskerAccount.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? AskerAccount;
        foreach (var s in scripts)
        {
            var spearpoint = plan.Spearpoints.Single(sp => sp.Code == s.Code);
            // An open question has no answer yet.
            DateTime? answeredAt = s.Answer is null ? null : Dutch(s.AnsweredAt);
            db.Questions.Add(new Question
            {
                PlanId = plan.Id,
                SpearpointId = spearpoint.Id,
                BriefingId = briefing.Id,
                AskedById = askerId,
                AskedBy = Asker,
                Text = s.Text,
                NotPublic = s.NotPublic,
                AskedAt = Dutch(s.AskedAt),
                QuestionsUntil = until,
                AnswerBy = by,
                AnsweredAt = answeredAt,
                Answers = answeredAt is { } at
                    ? [new QuestionAnswer { Text = s.Answer!, AnsweredById = s.AnsweredBy, AnsweredBy = s.AnsweredBy, AnsweredAt = at }]
                    : [],
            });
        }
    }

    private static DateTime Dutch(string local)
    {
        var at = DateTime.ParseExact(local, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return QuestionDeadlines.AtUtc(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at));
    }
}
