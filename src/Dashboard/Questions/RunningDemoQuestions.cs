using System.Globalization;
using Dashboard.Data;
using Dashboard.Domain;

namespace Dashboard.Questions;

/// <summary>
/// The technische vragen of the running demo plan (<see cref="RunningDemoPlan"/>), dated from the day of seeding: for next
/// week's briefing two open ones, one answered and one answered but not public; for the last briefing one answered on time
/// and one answered on the day itself, after *antwoord uiterlijk* (Te laat beantwoord).
/// </summary>
public static partial class DemoQuestions
{
    /// <summary>Adds the questions to the stored running demo plan's two briefings; call before saving.</summary>
    public static async Task AddRunningAsync(DashboardDbContext db, Plan plan, DateOnly today, CancellationToken ct)
    {
        string At(DateOnly day, int daysBefore, string time) =>
            day.AddDays(-daysBefore).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + time;
        var last = plan.Briefings.Single(b => b.Date == RunningDemoPlan.LastBriefingOn(today));
        var next = plan.Briefings.Single(b => b.Date == RunningDemoPlan.NextBriefingOn(today));

        await AddAsync(db, plan, last,
        [
            new("SP2", "Hoeveel boa's zitten nu in de flexpool, en hoe vaak zijn zij ingezet?", At(last.Date, 8, "10:15"), false,
                "Er zitten acht boa's in de flexpool. Zij hebben dit jaar 46 extra diensten gedraaid, vooral bij evenementen.",
                "Interim-manager HOR", At(last.Date, 5, "14:00")),
            new("IS1", "In welke wijken wordt gecontroleerd op afval naast containers, en wat levert dat op?", At(last.Date, 7, "16:30"), false,
                "We controleren in drie wijken. Het aantal meldingen daar is met ongeveer een zesde gedaald.",
                "Manager Veiligheid & Leefbaarheid", At(last.Date, 0, "09:45")),
        ], ct);
        await AddAsync(db, plan, next,
        [
            new("SP4", "Hoeveel boa's zijn dit jaar vertrokken, en waarom?", At(today, 4, "09:30"), true,
                "Dit jaar zijn drie boa's vertrokken, naar buurgemeenten met een hogere schaal. Wij informeren u vertrouwelijk over de gesprekken met HR.",
                "Interim-manager HOR", At(today, 2, "11:00")),
            new("SP1", "Beginnen nu alle nachtdiensten met een informatiebeeld?", At(today, 3, "14:00"), false,
                "Bijna: in het uitgaansgebied en in de wijken wel, bij evenementen nog niet. Dat volgt na de evaluatie.",
                "Interim-manager HOR", At(today, 1, "10:30")),
            new("SP3", "Wanneer wordt de bewonersenquête gehouden, en krijgt de raad de uitkomsten?", At(today, 2, "09:00"), false),
            new("SP2", "Welke afspraken zijn er met de politie over de inzet bij grote evenementen?", At(today, 1, "16:15"), false),
        ], ct);
    }
}
