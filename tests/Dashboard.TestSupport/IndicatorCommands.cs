using Dashboard.Progress;

namespace Dashboard.Tests.Support;

public static class IndicatorCommands
{
    /// <summary>An edit of baseline and target only: every other field as the indicator has it.</summary>
    public static EditIndicatorCommand Targets(this IndicatorView i, int planId, double? baseline, double? target) =>
        new(planId, i.Id, i.Version, i.Name, i.Unit, baseline, i.BaselineDate, target, i.Direction, i.Frequency);
}
