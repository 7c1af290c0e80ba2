using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Resources;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Reports;

/// <summary>
/// The demo plan's rapportages, so that a newcomer sees both sides: for each of the two briefings one that the demo manager
/// prepared with the briefing's date as peildatum and handed in, and the demo vaststeller released that morning; and one at
/// the plan's end date that was handed in and waits for release (ter vaststelling). Every step goes through the
/// <see cref="ReportEditor"/>, so they are audited, checked for four eyes and frozen at hand-in exactly as in production.
/// The demo's history carries its own dates (2022-2023), so each step runs on a clock set to its own moment: the
/// rapportages, their transitions and their audit entries are dated with the story, and the content is built from the
/// history at the peildatum.
/// </summary>
public sealed partial class DemoReports(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ChangeFeed feed,
    ReportMail mail,
    IStringLocalizer<SharedResource> localizer,
    IOptions<DashboardOptions> options)
{
    /// <summary>The demo accounts of appsettings.Development.json that do the steps; their display names are the authors.</summary>
    public const string PreparerAccount = "manager@demo.local";
    public const string ReleaserAccount = "vaststeller@demo.local";

    /// <summary>Started with the demo data, not by a person at a screen; as the SeedDemoData audit entry.</summary>
    private const string Origin = "start-up";

    public static readonly Actor Preparer =
        new("Interim-manager HOR", new HashSet<string> { DashboardRoles.Manager }, Origin, PreparerAccount);
    public static readonly Actor Releaser =
        new("Bureau burgemeester", new HashSet<string> { DashboardRoles.Releaser }, Origin, ReleaserAccount);

    /// <summary>The samenvatting of the rapportage of each briefing, by the briefing's date (its peildatum).</summary>
    private static readonly Dictionary<DateOnly, string> BriefingSummaries = new()
    {
        [new DateOnly(2022, 10, 11)] =
            "Het team Handhaven openbare ruimte ligt op koers met informatiegestuurd werken en met de terugkoppeling aan melders: " +
            "de informatieanalist is eind augustus begonnen, en de vaststelling van de terugkoppelnorm staat gepland voor november. " +
            "Twee speerpunten vragen aandacht: het nieuwe roostermodel ligt langer bij de ondernemingsraad, en nieuwe boa's kunnen " +
            "door het nieuwe examenprogramma pas in 2023 aan hun opleiding beginnen. " +
            "Voor beide is bijsturing ingezet; in februari informeren wij u opnieuw.",
        [new DateOnly(2023, 2, 14)] =
            "De ondernemingsraad heeft in december ingestemd met het nieuwe roostermodel, en deze maand begint de pilot met extra " +
            "avond- en weekendinzet. In het uitgaansgebied zijn sinds januari extra boa's in de vrijdag- en zaterdagnacht, en er komen " +
            "minder meldingen van geluidsoverlast binnen. De werving van nieuwe boa's loopt achter door het tekort in de hele regio, " +
            "waardoor de formatie niet voor de zomer op sterkte is. Bij de terugkoppeling aan melders zijn mijlpalen over hun datum " +
            "en is sinds eind september geen nieuwe stand gemeld; wij hebben daarover een toelichting gevraagd.",
    };

    private const string EndSummary =
        "Aan het einde van de planperiode zijn vier van de zes speerpunten afgerond: informatiegestuurd werken en het nieuwe rooster " +
        "horen nu bij het gewone werk, net als de aanpak in het uitgaansgebied en het fietsparkeren in de binnenstad. " +
        "De formatie is bijna op sterkte, en de laatste boa's ronden de PHB-module voor het einde van het jaar af. " +
        "De meting van zichtbaarheid en tevredenheid onder bewoners is niet in 2023 gehouden en volgt in januari 2024, " +
        "samen met de veiligheidsmonitor. Wat nog loopt, gaat over naar het jaarplan 2023-2024.";

    /// <summary>The rapportages of the demo plan just stored; nothing when it has some already.</summary>
    public async Task SeedAsync(int planId, CancellationToken ct = default)
    {
        Plan plan;
        List<(int Id, DateOnly Date)> briefings;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Reports.AnyAsync(r => r.PlanId == planId, ct))
            {
                return;
            }
            plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, ct);
            briefings = (await db.Briefings.AsNoTracking().Where(b => b.PlanId == planId)
                .Select(b => new { b.Id, b.Date }).ToListAsync(ct))
                .OrderBy(b => b.Date).Select(b => (b.Id, b.Date)).ToList();
        }

        var time = new StoryTime();
        var editor = Editor(time);
        foreach (var (briefingId, date) in briefings)
        {
            var summary = BriefingSummaries.TryGetValue(date, out var text)
                ? text
                : throw new InvalidOperationException($"The demo has no samenvatting for the briefing of {date:yyyy-MM-dd}.");
            await ReleaseOnTheDayAsync(editor, time, new CreateReportCommand(planId, date, summary, briefingId), ct);
        }
        // The rapportage over the whole period, handed in after the plan ended: ter vaststelling.
        var firstWeekAfter = new DateOnly(2024, 1, 8);
        await PrepareAsync(editor, time, new CreateReportCommand(planId, plan.EndDate, EndSummary),
            At(firstWeekAfter, 10, 0), At(firstWeekAfter, 15, 30), ct);
    }

    /// <summary>
    /// The rapportage of a briefing with its date as peildatum: prepared and handed in early on the briefing's day (a Tuesday),
    /// released in the college's morning meeting.
    /// </summary>
    private static async Task ReleaseOnTheDayAsync(ReportEditor editor, StoryTime time, CreateReportCommand cmd, CancellationToken ct)
    {
        var date = cmd.ReferenceDate!.Value;
        var (id, version) = await PrepareAsync(editor, time, cmd, At(date, 8, 15), At(date, 8, 45), ct);
        time.Now = At(date, 11, 30);
        Check(await editor.ReleaseAsync(Releaser, new ReportStepCommand(cmd.PlanId, id, version), ct), "release");
    }

    /// <summary>Rapportage opstellen and Ter vaststelling aanbieden by the demo manager, each at its moment.</summary>
    private static async Task<(int Report, int Version)> PrepareAsync(ReportEditor editor, StoryTime time, CreateReportCommand cmd,
        DateTimeOffset created, DateTimeOffset submitted, CancellationToken ct)
    {
        time.Now = created;
        var made = Check(await editor.CreateAsync(Preparer, cmd, ct), "create");
        var id = (int)made.CreatedId!;
        time.Now = submitted;
        var handedIn = Check(await editor.SubmitAsync(Preparer, new ReportStepCommand(cmd.PlanId, id, made.Version!.Value), ct), "submit");
        return (id, handedIn.Version!.Value);
    }

    /// <summary>The editor as the app has it, on a clock of its own.</summary>
    private ReportEditor Editor(TimeProvider time)
    {
        var clock = new DashboardClock(time);
        var kit = new EditorKit(dbFactory, new AuditTrail(dbFactory, clock), feed, clock, localizer);
        return new ReportEditor(kit, new ReportQueries(dbFactory, clock, new BriefingQueries(dbFactory, clock, options)), mail);
    }

    /// <summary>A Dutch time of day on that date.</summary>
    private static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new(DashboardClock.StartOfDayUtc(date).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);

    private static SaveResult Check(SaveResult result, string step) => result.Succeeded
        ? result
        : throw new InvalidOperationException(
            $"The demo rapportage could not {step}: {result.Message} {string.Join(" ", result.FieldErrors?.Values ?? [])}");

    /// <summary>The moment in the demo's story that the next step happens at.</summary>
    private sealed class StoryTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
