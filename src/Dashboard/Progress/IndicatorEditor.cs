using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Progress;

/// <summary>Adds measurements (realisatie) to indicators and changes their baseline and target.</summary>
public sealed class IndicatorEditor(EditorKit kit)
{
    public const int NoteMax = 1000;
    public const int NameMax = 200;
    public const int UnitMax = 40;
    /// <summary>Far beyond any count or amount a plan reports; refuses absurd input.</summary>
    public const double ValueLimit = 1_000_000_000;
    private const string Type = nameof(Indicator);

    private static readonly Records<Indicator> Indicators = Records.Indicators with { Current = CurrentAsync };

    public Task<SaveResult> AddMeasurementAsync(Actor actor, AddMeasurementCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddMeasurement", Type, cmd.IndicatorId, cmd), Right.AddMeasurements,
            Indicators.In(cmd.PlanId, cmd.IndicatorId), null, (db, indicator, errors) =>
            {
                var plan = indicator.Spearpoint!.Plan!;
                errors.Ended("Indicator", indicator.EndedAt);
                var latest = kit.Clock.Today < plan.EndDate ? kit.Clock.Today : plan.EndDate;
                var date = errors.Date(nameof(cmd.Date), cmd.Date, plan.StartDate, latest);
                var (min, max) = Range(indicator.Unit);
                var value = errors.Number(nameof(cmd.Value), cmd.Value, min, max);
                var note = errors.Text(nameof(cmd.Note), cmd.Note, NoteMax, required: false, multiline: true);
                if (errors.Any)
                {
                    return null;
                }
                var measurement = new Measurement
                {
                    IndicatorId = indicator.Id,
                    Date = date!.Value,
                    Value = value!.Value,
                    Note = note,
                    Author = actor.Name,
                    RecordedAt = kit.Clock.UtcNow,
                };
                db.Measurements.Add(measurement);
                return new Audited(null, new { Indicator = indicator.Name, measurement.Date, measurement.Value, measurement.Note })
                {
                    Answer = () => kit.Saved(createdId: measurement.Id),
                };
            }, ct);

    public Task<SaveResult> AddAsync(Actor actor, AddIndicatorCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddIndicator", Type, null, cmd, cmd.SpearpointId), Right.SetUpPlans,
            Records.Spearpoints.In(cmd.PlanId, cmd.SpearpointId), null, async (db, spearpoint, errors) =>
            {
                var fields = Validate(errors, spearpoint.Plan!, cmd.Name, cmd.Unit, cmd.Baseline, cmd.BaselineDate, cmd.Target, cmd.Direction, cmd.Frequency);
                errors.Ended("Spearpoint", spearpoint.EndedAt);
                if (errors.Any)
                {
                    return null;
                }
                var order = await db.Indicators.Where(i => i.SpearpointId == spearpoint.Id).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0;
                var indicator = new Indicator
                {
                    SpearpointId = spearpoint.Id,
                    Name = fields.Name,
                    SortOrder = order + 1,
                    CreatedAt = kit.Clock.UtcNow,
                };
                fields.ApplyTo(indicator);
                return new Audited(null, Snapshot(indicator))
                {
                    Added = indicator,
                    Named = () => (indicator.Id, spearpoint.Id),
                    Answer = () => kit.Saved(indicator.Version, indicator.Id),
                };
            }, ct);

    /// <summary>Name, unit, baseline and its date, target, direction and frequency. Measurements are not touched.</summary>
    public Task<SaveResult> EditAsync(Actor actor, EditIndicatorCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EditIndicator", Type, cmd.IndicatorId, cmd), Right.SetUpPlans,
            Indicators.In(cmd.PlanId, cmd.IndicatorId), cmd.ExpectedVersion, (_, indicator, errors) =>
            {
                var fields = Validate(errors, indicator.Spearpoint!.Plan!, cmd.Name, cmd.Unit, cmd.Baseline, cmd.BaselineDate, cmd.Target, cmd.Direction, cmd.Frequency);
                errors.Ended("Indicator", indicator.EndedAt);
                if (errors.Any)
                {
                    return null;
                }
                var before = Snapshot(indicator);
                fields.ApplyTo(indicator);
                indicator.Version++;
                return new Audited(before, Snapshot(indicator));
            }, ct);

    /// <summary>No longer measured: kept with its measurements, shown as ended from today.</summary>
    public Task<SaveResult> EndAsync(Actor actor, EndIndicatorCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EndIndicator", Type, cmd.IndicatorId, cmd), Right.SetUpPlans,
            Indicators.In(cmd.PlanId, cmd.IndicatorId), cmd.ExpectedVersion, (_, indicator, errors) =>
            {
                if (errors.EndReason("Indicator", indicator, cmd.Reason) is not { } reason || errors.Any)
                {
                    return null;
                }
                var now = kit.Clock.UtcNow;
                indicator.End(now, reason);
                indicator.Version++;
                return new Audited(null, new { indicator.Name, EndedOn = DashboardClock.LocalDate(now), EndReason = reason });
            }, ct);

    private sealed record Fields(string Name, string Unit, double Baseline, DateOnly? BaselineDate, double Target,
        IndicatorDirection Direction, MeasurementFrequency Frequency)
    {
        public void ApplyTo(Indicator i)
        {
            i.Name = Name;
            i.Unit = Unit;
            i.Baseline = Baseline;
            i.BaselineDate = BaselineDate;
            i.Target = Target;
            i.Direction = Direction;
            i.Frequency = Frequency;
        }
    }

    private static Fields Validate(FieldErrors errors, Plan plan, string? name, string? unit, double? baseline, DateOnly? baselineDate,
        double? target, IndicatorDirection direction, MeasurementFrequency frequency)
    {
        var n = errors.Text(nameof(AddIndicatorCommand.Name), name, NameMax, required: true);
        var u = errors.Text(nameof(AddIndicatorCommand.Unit), unit, UnitMax, required: false) ?? "";
        var (min, max) = Range(u);
        var b = errors.Number(nameof(AddIndicatorCommand.Baseline), baseline, min, max);
        // A baseline is measured before or during the plan, never after it.
        var bd = errors.Date(nameof(AddIndicatorCommand.BaselineDate), baselineDate, FieldErrors.EarliestDate, plan.EndDate, required: false);
        var t = errors.Number(nameof(AddIndicatorCommand.Target), target, min, max);
        errors.Choice(nameof(AddIndicatorCommand.Direction), direction, Enum.GetValues<IndicatorDirection>());
        errors.Choice(nameof(AddIndicatorCommand.Frequency), frequency, Enum.GetValues<MeasurementFrequency>());
        return new Fields(n ?? "", u, b ?? 0, bd, t ?? 0, direction, frequency);
    }

    private static object Snapshot(Indicator i) =>
        new { i.Name, i.Unit, i.Baseline, i.BaselineDate, i.Target, i.Direction, i.Frequency };

    /// <summary>A percentage lies between 0 and 100; anything else within a generous limit.</summary>
    public static (double Min, double Max) Range(string unit) =>
        unit.Trim().StartsWith('%') ? (0, 100) : (-ValueLimit, ValueLimit);

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int indicatorId, CancellationToken ct)
    {
        var current = await db.Indicators.Where(i => i.Id == indicatorId)
            .Select(i => new { i.Name, i.Baseline, i.Target, i.Unit, i.Version }).FirstAsync(ct);
        return (L["Conflict.Indicator", current.Name, Fmt.Value(current.Baseline, current.Unit), Fmt.Value(current.Target, current.Unit)], current.Version);
    }
}
