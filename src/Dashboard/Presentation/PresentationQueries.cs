using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Presentation;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;

namespace Dashboard.Presentation;

/// <summary>What one slide of a deck is: the title, a spearpoint, its questions, what changed since the previous briefing, or the summary.</summary>
public enum SlideKind
{
    Title,
    Spearpoint,
    Questions,
    Changes,
    Summary,
}

/// <summary>One slide: its kind and, for a spearpoint or its questions, the spearpoint.</summary>
public sealed record SlideAt(SlideKind Kind, SpearpointSummary? Spearpoint = null);

/// <summary>
/// What a presentation shows: a title slide, one slide per spearpoint on the agenda, each followed by a <i>Vragen</i> slide
/// when the briefing has public questions about it, for a briefing with an earlier one a slide of what changed since, and a
/// closing summary. A past briefing is shown as it stood on its date; today's, a coming one, or the plan without a briefing, live.
/// Presenter and followers read the same deck, so they see the same slides.
/// </summary>
public sealed record Deck(
    string Key,
    PlanHeader Plan,
    BriefingHeader? Briefing,
    ReferencePoint Reference,
    IReadOnlyList<SpearpointSummary> Agenda,
    BriefingDetail? Changes)
{
    public const int TitleSlide = 0;

    public bool HasChangesSlide => Changes?.Previous is not null;

    /// <summary>The briefing's public questions (<see cref="BriefingDetail.Questions"/>): none for a plan's deck.</summary>
    public IReadOnlyList<QuestionView> Questions => Changes?.Questions ?? [];

    public IReadOnlyList<QuestionView> QuestionsAbout(int spearpointId) => Questions.Where(q => q.SpearpointId == spearpointId).ToList();

    /// <summary>The slides in order.</summary>
    public IReadOnlyList<SlideAt> Slides
    {
        get
        {
            var slides = new List<SlideAt> { new(SlideKind.Title) };
            foreach (var s in Agenda)
            {
                slides.Add(new SlideAt(SlideKind.Spearpoint, s));
                if (Questions.Any(q => q.SpearpointId == s.Id))
                {
                    slides.Add(new SlideAt(SlideKind.Questions, s));
                }
            }
            if (HasChangesSlide)
            {
                slides.Add(new SlideAt(SlideKind.Changes));
            }
            slides.Add(new SlideAt(SlideKind.Summary));
            return slides;
        }
    }

    public int SlideCount => Slides.Count;

    /// <summary>The slide at a position (0-based); the summary for a position past the end.</summary>
    public SlideAt SlideOn(int slide) => Slides is var all && slide >= 0 && slide < all.Count ? all[slide] : all[^1];

    /// <summary>The spearpoint shown on a slide, or null for the other slides (its Vragen slide included).</summary>
    public SpearpointSummary? SpearpointOn(int slide) => SlideOn(slide) is { Kind: SlideKind.Spearpoint, Spearpoint: var s } ? s : null;
}

/// <summary>
/// The decks. The room and the council's devices see the same figures: of a plan whose council sees released rapportages,
/// a briefing shows the rapportage released for it (or the one that applied on its date) and the plan its latest, for the
/// presenter as well; presenting live is for plans whose council sees the live state.
/// </summary>
public sealed class PresentationQueries(DashboardQueries queries, CouncilReads council, DashboardClock clock)
{
    private const string PlanKey = "plan-", BriefingKey = "briefing-";

    /// <summary>The deck of a briefing; without one, of the plan (null: the current plan) as it is now.</summary>
    public async Task<Deck?> GetDeckAsync(int? briefingId, int? planId = null, CancellationToken ct = default)
    {
        if (briefingId is not { } id)
        {
            // The plan as it runs today: ended spearpoints are left out (the overview lists them apart).
            var overview = await council.OverviewAsync(CouncilReads.Council, planId, null, ct);
            return overview is null ? null : new Deck($"{PlanKey}{overview.Plan.Id}", overview.Plan, null, overview.Reference, overview.Development, null);
        }

        // The briefing's own read model: its agenda (reds and oranges first) and what changed since the previous one;
        // a past briefing shows each spearpoint with its code and title of the briefing's date (from its revisions).
        var detail = await council.BriefingAsync(CouncilReads.Council, id, ct);
        if (detail is null)
        {
            return null;
        }
        var agenda = detail.Spearpoints.Select(s => s.Summary).ToList();
        var reference = detail.Reference;
        if (detail.Shown is not { CouncilSeesReleased: true } && detail.Briefing.Date >= clock.Today)
        {
            // Today's briefing (or a coming one) is presented live: the current state, followed as managers save.
            var live = await queries.GetOverviewAsync(detail.Plan.Id, null, ct);
            if (live is not null)
            {
                // Ended since it was put on the agenda: still shown, as ended.
                var current = live.Development.Concat(live.Substantive).Concat(live.EndedSpearpoints).ToDictionary(s => s.Id);
                agenda = agenda.Select(s => current.GetValueOrDefault(s.Id, s)).ToList();
                reference = live.Reference;
            }
        }
        return new Deck($"{BriefingKey}{id}", detail.Plan, detail.Briefing, reference, agenda, detail);
    }

    /// <summary>The deck a presenter shows, by its <see cref="Deck.Key"/> (what followers are told).</summary>
    public Task<Deck?> GetDeckAsync(string key, CancellationToken ct = default) =>
        key.StartsWith(BriefingKey, StringComparison.Ordinal) && int.TryParse(key.AsSpan(BriefingKey.Length), out var briefing)
            ? GetDeckAsync(briefing, null, ct)
            : key.StartsWith(PlanKey, StringComparison.Ordinal) && int.TryParse(key.AsSpan(PlanKey.Length), out var plan)
                ? GetDeckAsync(null, plan, ct)
                : Task.FromResult<Deck?>(null);
}
