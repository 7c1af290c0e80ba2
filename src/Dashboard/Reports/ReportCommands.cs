namespace Dashboard.Reports;

// What the rapportage forms send to the write methods: the plan they were made in, and for a change the version it started from.

/// <summary>Rapportage opstellen: a new concept at a peildatum, optionally the brief of a briefing.</summary>
public sealed record CreateReportCommand(int PlanId, DateOnly? ReferenceDate, string? Summary, int? BriefingId = null);

/// <summary>The concept's texts and peildatum; <see cref="Notes"/> per spearpoint id (an empty note removes it).</summary>
public sealed record EditReportCommand(
    int PlanId, int ReportId, int ExpectedVersion, DateOnly? ReferenceDate, string? Summary, IReadOnlyDictionary<int, string?>? Notes);

/// <summary>Ter vaststelling aanbieden, Vaststellen: a step without input of its own.</summary>
public sealed record ReportStepCommand(int PlanId, int ReportId, int ExpectedVersion);

/// <summary>Terugsturen: back to concept, with the reason the preparer reads.</summary>
public sealed record SendBackReportCommand(int PlanId, int ReportId, int ExpectedVersion, string? Reason);
