using Dashboard.Briefings;

namespace Dashboard.Domain;

/// <summary>A milestone (mijlpaal): the current values, with every earlier version in <see cref="Revisions"/>.</summary>
public class Milestone : IVersioned
{
    public int Id { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    public required string Title { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>The due date it was first planned for; a later <see cref="DueDate"/> means it slipped.</summary>
    public DateOnly OriginalDueDate { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public Status State { get; set; }
    public string? CancelReason { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The unfinished milestone of an earlier plan this one was carried over from (Vervolgplan maken).</summary>
    public int? CarriedOverFromId { get; set; }
    public Milestone? CarriedOverFrom { get; set; }
    public int Version { get; set; }

    public List<MilestoneRevision> Revisions { get; set; } = [];

    /// <summary>Gereed on a date.</summary>
    public void Complete(DateOnly on)
    {
        State = Status.Done;
        CompletedOn = on;
        CancelReason = null;
    }

    /// <summary>Vervallen, for a reason.</summary>
    public void Cancel(string reason)
    {
        State = Status.Cancelled;
        CancelReason = reason;
        CompletedOn = null;
    }

    /// <summary>Another state: a done or cancelled milestone that is set to an open state no longer says when or why.</summary>
    public void ChangeState(Status state)
    {
        if (state == State)
        {
            return;
        }
        State = state;
        CompletedOn = null;
        CancelReason = null;
    }
}

/// <summary>
/// Append-only snapshot of a milestone after each change, so that its state on any
/// reference date can be rebuilt.
/// </summary>
public class MilestoneRevision
{
    public long Id { get; set; }
    public int MilestoneId { get; set; }
    public Milestone? Milestone { get; set; }
    public required string Title { get; set; }
    public DateOnly DueDate { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public Status State { get; set; }
    public string? CancelReason { get; set; }
    public int SortOrder { get; set; }
    public required string Author { get; set; }
    public DateTime RecordedAt { get; set; }

    public static MilestoneRevision Of(Milestone m, string author, DateTime recordedAt) => new()
    {
        MilestoneId = m.Id,
        Milestone = m,
        Title = m.Title,
        DueDate = m.DueDate,
        CompletedOn = m.CompletedOn,
        State = m.State,
        CancelReason = m.CancelReason,
        SortOrder = m.SortOrder,
        Author = author,
        RecordedAt = recordedAt,
    };
}
