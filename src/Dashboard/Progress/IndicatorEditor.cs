using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

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

    public async Task<SaveResult> AddMeasurementAsync(Actor actor, AddMeasurementCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddMeasurement";
        if (!actor.MayAddMeasurements)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.IndicatorId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var indicator = await db.Indicators.Include(i => i.Spearpoint!).ThenInclude(s => s.Plan)
            .FirstOrDefaultAsync(i => i.Id == cmd.IndicatorId && i.Spearpoint!.PlanId == cmd.PlanId, ct);
        if (indicator is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.IndicatorId, cmd, "Indicator", ct);
        }

        var plan = indicator.Spearpoint!.Plan!;
        var errors = kit.NewErrors();
        errors.Ended("Indicator", indicator.EndedAt);
        var latest = kit.Clock.Today < plan.EndDate ? kit.Clock.Today : plan.EndDate;
        var date = errors.Date(nameof(cmd.Date), cmd.Date, plan.StartDate, latest);
        var (min, max) = Range(indicator.Unit);
        var value = errors.Number(nameof(cmd.Value), cmd.Value, min, max);
        var note = errors.Text(nameof(cmd.Note), cmd.Note, NoteMax, required: false, multiline: true);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.IndicatorId, indicator.SpearpointId, cmd, errors, ct);
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
        kit.Audit.Add(db, actor, action, Type, indicator.Id, indicator.SpearpointId, null,
            new { Indicator = indicator.Name, measurement.Date, measurement.Value, measurement.Note });
        await kit.CommitAsync(db, indicator.SpearpointId, ct);
        return kit.Saved(createdId: measurement.Id);
    }

    public async Task<SaveResult> AddAsync(Actor actor, AddIndicatorCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddIndicator";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, null, cmd, ct, cmd.SpearpointId);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var spearpoint = await db.Spearpoints.Include(s => s.Plan)
            .FirstOrDefaultAsync(s => s.Id == cmd.SpearpointId && s.PlanId == cmd.PlanId, ct);
        if (spearpoint is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, null, cmd, "Spearpoint", ct);
        }
        var errors = kit.NewErrors();
        var fields = Validate(errors, spearpoint.Plan!, cmd.Name, cmd.Unit, cmd.Baseline, cmd.BaselineDate, cmd.Target, cmd.Direction, cmd.Frequency);
        errors.Ended("Spearpoint", spearpoint.EndedAt);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, null, spearpoint.Id, cmd, errors, ct);
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
        await kit.AddAuditedAsync(db, indicator, () => kit.Audit.Add(db, actor, action, Type, indicator.Id, spearpoint.Id, null, Snapshot(indicator)), ct,
            changes: () => EditorKit.Changes(null, spearpoint.Id));
        return kit.Saved(indicator.Version, indicator.Id);
    }

    /// <summary>Name, unit, baseline and its date, target, direction and frequency. Measurements are not touched.</summary>
    public async Task<SaveResult> EditAsync(Actor actor, EditIndicatorCommand cmd, CancellationToken ct = default)
    {
        const string action = "EditIndicator";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.IndicatorId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var indicator = await db.Indicators.Include(i => i.Spearpoint!).ThenInclude(s => s.Plan)
            .FirstOrDefaultAsync(i => i.Id == cmd.IndicatorId && i.Spearpoint!.PlanId == cmd.PlanId, ct);
        if (indicator is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.IndicatorId, cmd, "Indicator", ct);
        }

        var errors = kit.NewErrors();
        var fields = Validate(errors, indicator.Spearpoint!.Plan!, cmd.Name, cmd.Unit, cmd.Baseline, cmd.BaselineDate, cmd.Target, cmd.Direction, cmd.Frequency);
        errors.Ended("Indicator", indicator.EndedAt);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.IndicatorId, indicator.SpearpointId, cmd, errors, ct);
        }
        if (indicator.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.IndicatorId, ct);
        }

        var before = Snapshot(indicator);
        fields.ApplyTo(indicator);
        indicator.Version++;
        kit.Audit.Add(db, actor, action, Type, indicator.Id, indicator.SpearpointId, before, Snapshot(indicator));
        if (!await kit.CommitAsync(db, indicator.SpearpointId, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.IndicatorId, ct);
        }
        return kit.Saved(indicator.Version);
    }

    /// <summary>No longer measured: kept with its measurements, shown as ended from today.</summary>
    public async Task<SaveResult> EndAsync(Actor actor, EndIndicatorCommand cmd, CancellationToken ct = default)
    {
        const string action = "EndIndicator";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.IndicatorId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Id == cmd.IndicatorId && i.Spearpoint!.PlanId == cmd.PlanId, ct);
        if (indicator is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.IndicatorId, cmd, "Indicator", ct);
        }
        var errors = kit.NewErrors();
        var reason = errors.EndReason("Indicator", indicator, cmd.Reason);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.IndicatorId, indicator.SpearpointId, cmd, errors, ct);
        }
        if (indicator.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.IndicatorId, ct);
        }

        var now = kit.Clock.UtcNow;
        indicator.EndedAt = now;
        indicator.EndReason = reason;
        indicator.Version++;
        kit.Audit.Add(db, actor, action, Type, indicator.Id, indicator.SpearpointId, null,
            new { indicator.Name, EndedOn = DashboardClock.LocalDate(now), EndReason = reason });
        if (!await kit.CommitAsync(db, indicator.SpearpointId, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.IndicatorId, ct);
        }
        return kit.Saved(indicator.Version);
    }

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

    private async Task<SaveResult> ConflictAsync(Actor actor, string action, object cmd, int indicatorId, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Indicators.Where(i => i.Id == indicatorId)
            .Select(i => new { i.Name, i.Baseline, i.Target, i.Unit, i.Version, i.SpearpointId }).FirstAsync(ct);
        var details = kit.L["Conflict.Indicator", current.Name, Fmt.Value(current.Baseline, current.Unit), Fmt.Value(current.Target, current.Unit)];
        return await kit.ConflictAsync(actor, action, Type, indicatorId, current.SpearpointId, cmd, details, current.Version, ct);
    }
}
