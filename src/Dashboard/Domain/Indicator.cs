namespace Dashboard.Domain;

public enum IndicatorDirection
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,
}

/// <summary>An indicator of a spearpoint, measured over time.</summary>
public class Indicator
{
    public int Id { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    public required string Name { get; set; }
    public string Unit { get; set; } = "";
    public double Baseline { get; set; }
    public double Target { get; set; }
    public IndicatorDirection Direction { get; set; }
    public int SortOrder { get; set; }
    public int Version { get; set; }

    public List<Measurement> Measurements { get; set; } = [];
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
