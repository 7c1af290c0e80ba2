namespace Dashboard.Domain;

/// <summary>The five progress words (Niet gestart, Op koers, Aandachtspunt, Vertraagd, Gereed), plus Cancelled which only a milestone can have.</summary>
public enum Status
{
    NotStarted = 0,
    OnTrack = 1,
    NeedsAttention = 2,
    Delayed = 3,
    Done = 4,
    Cancelled = 5,
}

public static class StatusRules
{
    /// <summary>Aandachtspunt and Vertraagd must say cause, consequence and corrective action.</summary>
    public static bool RequiresExplanation(this Status status) =>
        status is Status.NeedsAttention or Status.Delayed;

    /// <summary>Severity for sorting: reds and oranges first.</summary>
    public static int Severity(this Status status) => status switch
    {
        Status.Delayed => 0,
        Status.NeedsAttention => 1,
        Status.OnTrack => 2,
        Status.NotStarted => 3,
        Status.Done => 4,
        _ => 5,
    };

    public static readonly IReadOnlyList<Status> SpearpointStatuses =
        [Status.NotStarted, Status.OnTrack, Status.NeedsAttention, Status.Delayed, Status.Done];
}
