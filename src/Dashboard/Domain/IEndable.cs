namespace Dashboard.Domain;

/// <summary>
/// A spearpoint or an indicator: never deleted, but ended (beëindigd) with a reason, after which it is kept as it was.
/// </summary>
public interface IEndable
{
    DateTime? EndedAt { get; set; }
    string? EndReason { get; set; }

    void End(DateTime at, string reason);
}
