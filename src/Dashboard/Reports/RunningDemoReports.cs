using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>
/// The rapportages of the running demo plan (<see cref="RunningDemoPlan"/>), through the same editor and on the same story
/// clock as the letter's: the last briefing's, released on its day, and one for next week's briefing with yesterday as
/// peildatum, handed in and waiting for release (ter vaststelling).
/// </summary>
public sealed partial class DemoReports
{
    private const string LastBriefingSummary =
        "Het team werkt nu ook in de nachtdiensten informatiegestuurd, en de flexpool vangt de drukte bij evenementen op. " +
        "Melders horen bijna altijd binnen vijf werkdagen wat er met hun melding is gebeurd. In drie wijken komen minder meldingen " +
        "van afval naast containers binnen. De afspraken met de politie over de inzet bij evenementen lopen nog.";

    private const string NextBriefingSummary =
        "De formatie is niet op sterkte: drie boa's zijn vertrokken naar buurgemeenten. Een nieuwe wervingsronde loopt, en tot die " +
        "tijd vult de flexpool de weekenden aan. De bewonersenquête komt later dan gepland. De afspraken met de politie over de " +
        "inzet bij evenementen zijn nog niet gemaakt; daarover is sinds enige tijd geen nieuwe stand gemeld.";

    /// <summary>The rapportages of the running demo plan just stored; nothing when it has some already.</summary>
    public async Task SeedRunningAsync(int planId, DateOnly today, CancellationToken ct = default)
    {
        int last, next;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Reports.AnyAsync(r => r.PlanId == planId, ct))
            {
                return;
            }
            var briefings = await db.Briefings.AsNoTracking().Where(b => b.PlanId == planId).Select(b => new { b.Id, b.Date }).ToListAsync(ct);
            last = briefings.Single(b => b.Date == RunningDemoPlan.LastBriefingOn(today)).Id;
            next = briefings.Single(b => b.Date == RunningDemoPlan.NextBriefingOn(today)).Id;
        }

        var time = new StoryTime();
        var editor = Editor(time);
        await ReleaseOnTheDayAsync(editor, time, new CreateReportCommand(planId, RunningDemoPlan.LastBriefingOn(today), LastBriefingSummary, last), ct);

        var yesterday = today.AddDays(-1);
        await PrepareAsync(editor, time, new CreateReportCommand(planId, yesterday, NextBriefingSummary, next),
            At(yesterday, 10, 0), At(yesterday, 15, 30), ct);
    }
}
