namespace Dashboard.Domain;

public enum IndicatorDirection
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,
}

/// <summary>How often an indicator is measured; a measurement older than that is due.</summary>
public enum MeasurementFrequency
{
    Monthly = 0,
    Quarterly = 1,
    Yearly = 2,
}

/// <summary>An indicator of a spearpoint, measured over time. Never deleted: one that is no longer measured is ended.</summary>
public class Indicator : IEndable, IVersioned
{
    public int Id { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    public required string Name { get; set; }
    public string Unit { get; set; } = "";
    public double Baseline { get; set; }
    /// <summary>The date of the baseline (nulmeting), if known.</summary>
    public DateOnly? BaselineDate { get; set; }
    public double Target { get; set; }
    public IndicatorDirection Direction { get; set; }
    public MeasurementFrequency Frequency { get; set; } = MeasurementFrequency.Quarterly;
    public int SortOrder { get; set; }
    /// <summary>When it was added (UTC): on an earlier reference date it is not there.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>When it was ended (UTC), and why; null while it is measured.</summary>
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public int Version { get; set; }

    public List<Measurement> Measurements { get; set; } = [];

    public void End(DateTime at, string reason)
    {
        EndedAt = at;
        EndReason = reason;
    }
}

/// <summary>One dated value (realisatie) of an indicator.</summary>
public class Measurement
{
    public long Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public DateOnly Date { get; set; }
    public double Value { get; set; }
    public string? Note { get; set; }
    public required string Author { get; set; }
    public DateTime RecordedAt { get; set; }
}
