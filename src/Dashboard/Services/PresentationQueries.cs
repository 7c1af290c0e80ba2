using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services;

public sealed record DeckBriefing(int Id, string Title, DateOnly Date, string Audience);

/// <summary>
/// What a presentation shows: a title slide, one slide per spearpoint on the agenda, and a closing
/// summary. A briefing in the past is shown as it stood on its date; today's (or none) live.
/// </summary>
public sealed record Deck(string Key, PlanHeader Plan, DeckBriefing? Briefing, ReferencePoint Reference, IReadOnlyList<SpearpointSummary> Agenda)
{
    public const int TitleSlide = 0;

    public int SlideCount => Agenda.Count + 2;

    public int SummarySlide => Agenda.Count + 1;

    /// <summary>The spearpoint shown on a slide, or null for the title and summary slides.</summary>
    public SpearpointSummary? SpearpointOn(int slide) => slide >= 1 && slide <= Agenda.Count ? Agenda[slide - 1] : null;
}

public sealed class PresentationQueries(IDbContextFactory<DashboardDbContext> dbFactory, DashboardQueries queries, DashboardClock clock)
{
    /// <summary>The deck of a briefing (its agenda, on its date), or without one the current plan's development spearpoints, live.</summary>
    public async Task<Deck?> GetDeckAsync(int? briefingId, CancellationToken ct = default)
    {
        if (briefingId is not { } id)
        {
            var overview = await queries.GetOverviewAsync(null, null, ct);
            return overview is null ? null : new Deck($"plan-{overview.Plan.Id}", overview.Plan, null, overview.Reference, overview.Development);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var briefing = await db.Briefings.AsNoTracking()
            .Where(b => b.Id == id)
            .Select(b => new { b.Id, b.PlanId, b.Title, b.Date, b.Audience, Agenda = b.Spearpoints.Select(s => s.Id).ToList() })
            .FirstOrDefaultAsync(ct);
        if (briefing is null)
        {
            return null;
        }
        // A briefing that has taken place shows the state on its date; today's or a coming one, the live state.
        var onDate = briefing.Date < clock.Today ? briefing.Date : (DateOnly?)null;
        var state = await queries.GetOverviewAsync(briefing.PlanId, onDate, ct);
        if (state is null)
        {
            return null;
        }
        var agenda = state.Development.Concat(state.Substantive).Where(s => briefing.Agenda.Contains(s.Id)).ToList();
        return new Deck($"briefing-{briefing.Id}", state.Plan, new DeckBriefing(briefing.Id, briefing.Title, briefing.Date, briefing.Audience),
            state.Reference, agenda);
    }
}
