using Dashboard.Briefings;
using Dashboard.Components.Briefings;
using Dashboard.Components.Plans;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;

namespace Dashboard.Api;

// What the API answers and accepts: plain records, camelCase in JSON, dates as yyyy-MM-dd, moments in UTC (ISO 8601).
// They are built from the pages' read models, so the API shows exactly what the pages show on the same peildatum.

public sealed record PlanRef(int Id, string Name, string Organisation, DateOnly StartDate, DateOnly EndDate, bool Archived)
{
    public static PlanRef From(PlanHeader p) => new(p.Id, p.Name, p.Organisation, p.StartDate, p.EndDate, p.IsArchived);
}

/// <summary>A plan in the list: its period and state (running, coming, ended, archived) on the peildatum.</summary>
public sealed record PlanItem(int Id, string Name, string Organisation, string Description, DateOnly StartDate, DateOnly EndDate,
    PlanState State, int SpearpointCount, int BriefingCount, int? PreviousPlanId);

public sealed record PlanList(DateOnly Peildatum, IReadOnlyList<PlanItem> Plans);

public sealed record ProgressDto(int Done, int Total, double Percent);

public sealed record UpdateDto(Status Status, string Explanation, string? Cause, string? Consequence, string? CorrectiveAction, string Author,
    DateTime RecordedAt);

public sealed record NextMilestoneDto(string Title, DateOnly DueDate, bool Overdue);

/// <summary>A spearpoint as its card shows it: status, progress of its milestones, latest update, owner.</summary>
public sealed record SpearpointItem(int Id, string Code, string Title, SpearpointKind Kind, Status Status, string Owner, ProgressDto Progress,
    NextMilestoneDto? NextMilestone, int OverdueMilestones, bool NotRecentlyUpdated, UpdateDto? LatestUpdate, DateTime? EndedAt,
    string? EndReason, int Version)
{
    public static SpearpointItem From(SpearpointSummary s) => new(s.Id, s.Code, s.Title, s.Kind, s.Status, s.Owner,
        new ProgressDto(s.Progress.Done, s.Progress.Total, Math.Round(s.Progress.Percent, 1)),
        s.Next is { } n ? new NextMilestoneDto(n.Title, n.DueDate, n.IsOverdue) : null,
        s.OverdueCount, s.NotRecentlyUpdated,
        s.Latest is { } u ? new UpdateDto(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt) : null,
        s.EndedAt, s.EndReason, s.Version);
}

public sealed record PlanDetail(PlanRef Plan, string Description, DateOnly Peildatum, IReadOnlyList<SpearpointItem> Spearpoints);

public sealed record MilestoneOriginDto(int SpearpointId, string PlanName);

public sealed record MilestoneDto(int Id, string Title, DateOnly DueDate, DateOnly OriginalDueDate, DateOnly? CompletedOn, Status State,
    string? CancelReason, bool Overdue, bool Slipped, int Version, MilestoneOriginDto? CarriedOverFrom)
{
    public static MilestoneDto From(MilestoneView m) => new(m.Id, m.Title, m.DueDate, m.OriginalDueDate, m.CompletedOn, m.State, m.CancelReason,
        m.IsOverdue, m.IsSlipped, m.Version, m.CarriedOverFrom is { } o ? new MilestoneOriginDto(o.SpearpointId, o.PlanName) : null);
}

public sealed record StatusUpdateDto(long Id, Status Status, string Explanation, string? Cause, string? Consequence, string? CorrectiveAction,
    string Author, DateTime RecordedAt)
{
    public static StatusUpdateDto From(StatusUpdateView u) =>
        new(u.Id, u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt);
}

public sealed record MeasurementDto(DateOnly Date, double Value, string? Note)
{
    public static MeasurementDto From(MeasurementView m) => new(m.Date, m.Value, m.Note);
}

public sealed record IndicatorItem(int Id, string Name, string Unit, double Baseline, DateOnly? BaselineDate, double Target,
    IndicatorDirection Direction, MeasurementFrequency Frequency, MeasurementDto? Latest, bool MeasurementDue, DateTime? EndedAt, string? EndReason,
    int Version)
{
    public static IndicatorItem From(IndicatorView i) => new(i.Id, i.Name, i.Unit, i.Baseline, i.BaselineDate, i.Target, i.Direction, i.Frequency,
        i.Latest is { } l ? MeasurementDto.From(l) : null, i.MeasurementDue, i.EndedAt, i.EndReason, i.Version);
}

public sealed record SpearpointDetailDto(PlanRef Plan, DateOnly Peildatum, SpearpointItem Spearpoint, string Description,
    IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<StatusUpdateDto> StatusHistory, IReadOnlyList<IndicatorItem> Indicators);

public sealed record IndicatorDetail(PlanRef Plan, DateOnly Peildatum, int SpearpointId, string SpearpointCode, IndicatorItem Indicator,
    IReadOnlyList<MeasurementDto> Measurements);

public sealed record AgendaItem(int Id, string Code, string Title);

public sealed record BriefingItem(int Id, DateOnly Date, string Title, string Audience, string Agenda, string Notes, IReadOnlyList<AgendaItem> Spearpoints)
{
    public static BriefingItem From(BriefingHeader b) => new(b.Id, b.Date, b.Title, b.Audience, b.Agenda, b.Notes,
        b.Spearpoints.Select(s => new AgendaItem(s.Id, s.Code, s.Title)).ToList());
}

public sealed record BriefingList(PlanRef Plan, DateOnly Peildatum, IReadOnlyList<BriefingItem> Briefings);

public sealed record BriefingRefDto(int Id, DateOnly Date, string Title);

public sealed record StatusChangeDto(Status From, Status To);

public sealed record MilestoneChangeDto(MilestoneChangeKind Kind, int MilestoneId, string Title, DateOnly? OldDate, DateOnly? NewDate,
    Status? OldState, Status NewState, string? Reason);

public sealed record IndicatorMovementDto(int IndicatorId, string Name, string Unit, double Target, MeasurementDto? Before, MeasurementDto After,
    IndicatorTrend Trend);

/// <summary>What changed since the previous briefing; null for the first briefing of a plan.</summary>
public sealed record ChangesDto(StatusChangeDto? Status, bool NoUpdateSince, IReadOnlyList<StatusUpdateDto> NewUpdates,
    IReadOnlyList<MilestoneChangeDto> Milestones, IReadOnlyList<IndicatorMovementDto> Indicators)
{
    public static ChangesDto? From(SpearpointChanges? c) => c is null ? null : new(
        c.Status is { } s ? new StatusChangeDto(s.From, s.To) : null,
        c.NoUpdateSince,
        c.NewUpdates.Select(StatusUpdateDto.From).ToList(),
        c.Milestones.Select(m => new MilestoneChangeDto(m.Kind, m.MilestoneId, m.Title, m.OldDate, m.NewDate, m.OldState, m.NewState, m.Reason)).ToList(),
        c.Indicators.Select(i => new IndicatorMovementDto(i.IndicatorId, i.Name, i.Unit, i.Target,
            i.Before is { } b ? MeasurementDto.From(b) : null, MeasurementDto.From(i.After), i.Trend)).ToList());
}

public sealed record BriefingSpearpoint(SpearpointItem Spearpoint, IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<IndicatorItem> Indicators,
    ChangesDto? ChangesSincePrevious);

public sealed record BriefingDetailDto(PlanRef Plan, BriefingItem Briefing, DateOnly Peildatum, bool Upcoming, BriefingRefDto? Previous,
    BriefingRefDto? Next, IReadOnlyList<BriefingSpearpoint> Spearpoints);

/// <summary>A released rapportage: its peildatum, who released it when, and the SHA-256 of its stored document.</summary>
public sealed record ReportItem(int Id, DateOnly Peildatum, string ReleasedBy, DateTime ReleasedAt, string Sha256, int? BriefingId)
{
    public static ReportItem From(ReleasedHeader r) => new(r.Id, r.ReferenceDate, r.ReleasedBy, r.ReleasedAt, r.Sha256, r.BriefingId);
}

public sealed record ReportList(PlanRef Plan, IReadOnlyList<ReportItem> Reports);

public sealed record ReportRefDto(int Id, DateOnly Peildatum);

public sealed record PlanChangeDto(PlanChangeKind Kind, int SpearpointId, string Code, string Title, string? OldCode, string? OldTitle,
    DateTime? EndedAt, string? Reason)
{
    public static PlanChangeDto From(PlanChange c) => new(c.Kind, c.SpearpointId, c.Code, c.Title, c.OldCode, c.OldTitle, c.EndedAt, c.Reason);
}

/// <summary>A spearpoint as the rapportage froze it, with the preparer's note and what changed since the previous released rapportage.</summary>
public sealed record ReportSpearpoint(SpearpointItem Spearpoint, string Description, string? Note, IReadOnlyList<MilestoneDto> Milestones,
    IReadOnlyList<IndicatorItem> Indicators, ChangesDto? ChangesSincePrevious);

/// <summary>A released rapportage, read from its stored document: exactly what the vaststeller released, with the stamp.</summary>
public sealed record ReportDetailDto(PlanRef Plan, int Id, DateOnly Peildatum, string Summary, string PreparedBy, string ReleasedBy,
    DateTime ReleasedAt, string Sha256, int? BriefingId, ReportRefDto? Previous, IReadOnlyList<ReportSpearpoint> Spearpoints,
    IReadOnlyList<PlanChangeDto> PlanChanges)
{
    public static ReportDetailDto From(ReleasedReport r)
    {
        var c = r.Content;
        return new(PlanRef.From(c.Plan), c.ReportId, c.ReferenceDate, c.Summary, c.PreparedBy, r.ReleasedBy, r.ReleasedAt, r.Sha256, r.BriefingId,
            c.Previous is { } p ? new ReportRefDto(p.Id, p.ReferenceDate) : null,
            c.Spearpoints.Select(s => new ReportSpearpoint(SpearpointItem.From(s.Summary), s.Description, c.Notes.GetValueOrDefault(s.Summary.Id),
                s.Milestones.Select(MilestoneDto.From).ToList(), s.Indicators.Select(IndicatorItem.From).ToList(), ChangesDto.From(s.Changes))).ToList(),
            c.PlanChanges.Select(PlanChangeDto.From).ToList());
    }
}

/// <summary>One revision of an answer to a technische vraag: the text, who gave it (the team's own words), and when.</summary>
public sealed record AnswerDto(string Text, string AnsweredBy, DateTime AnsweredAt)
{
    public static AnswerDto From(AnswerView a) => new(a.Text, a.By, a.At);
}

/// <summary>
/// A technische vraag as the reader may see it: askedBy is null for an anonymous reader and for a key. The answer is the latest
/// revision; a corrected answer keeps its earlier revisions, newest first.
/// </summary>
public sealed record QuestionDto(int Id, int SpearpointId, string SpearpointCode, string SpearpointTitle, int? BriefingId, string? AskedBy,
    string Text, bool NotPublic, DateTime AskedAt, bool AskedLate, DateTime? AnswerBy, QuestionState State, DateTime? WithdrawnAt, AnswerDto? Answer,
    IReadOnlyList<AnswerDto> EarlierAnswers)
{
    public static QuestionDto From(QuestionView q) => new(q.Id, q.SpearpointId, q.SpearpointCode, q.SpearpointTitle, q.BriefingId, q.AskedBy, q.Text,
        q.NotPublic, q.AskedAt, q.AskedLate, q.AnswerBy, q.State, q.WithdrawnAt, q.Answer is { } a ? AnswerDto.From(a) : null,
        q.Earlier.Select(AnswerDto.From).ToList());
}

/// <summary>The technische vragen of a plan (or of one spearpoint), oldest first, as they stood on the peildatum.</summary>
public sealed record QuestionList(PlanRef Plan, DateOnly Peildatum, IReadOnlyList<QuestionDto> Questions);

// Writes

/// <summary>A measurement (realisatie) of an indicator: its date, value and an optional note.</summary>
public sealed record MeasurementInput(DateOnly? Date, double? Value, string? Note);

public sealed record MeasurementCreated(long Id, int IndicatorId, DateOnly Date, double Value, string? Note);

/// <summary>A status update (voortgangsbericht). Orange (needsAttention) and red (delayed) need cause, consequence and correctiveAction.</summary>
public sealed record StatusInput(Status? Status, string? Explanation, string? Cause, string? Consequence, string? CorrectiveAction);

public sealed record StatusCreated(long Id, int SpearpointId, Status Status, int Version);

/// <summary>Mark a milestone done on a date (today or earlier, not before the plan began).</summary>
public sealed record CompleteInput(DateOnly? CompletedOn);

public sealed record MilestoneCompleted(int Id, DateOnly CompletedOn, int Version);
