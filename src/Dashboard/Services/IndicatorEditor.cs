using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services;

/// <summary>Adds measurements (realisatie) to indicators and changes their baseline and target.</summary>
public sealed class IndicatorEditor(EditorKit kit)
{
    public const int NoteMax = 1000;
    /// <summary>Far beyond any count or amount a plan reports; refuses absurd input.</summary>
    public const double ValueLimit = 1_000_000_000;
    private const string Type = nameof(Indicator);

    public async Task<SaveResult> AddMeasurementAsync(Actor actor, AddMeasurementCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddMeasurement";
        if (!actor.MayEdit)
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

    public async Task<SaveResult> EditTargetsAsync(Actor actor, EditIndicatorCommand cmd, CancellationToken ct = default)
    {
        const string action = "EditIndicator";
        if (!actor.MayEdit)
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
        var (min, max) = Range(indicator.Unit);
        var baseline = errors.Number(nameof(cmd.Baseline), cmd.Baseline, min, max);
        var target = errors.Number(nameof(cmd.Target), cmd.Target, min, max);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.IndicatorId, indicator.SpearpointId, cmd, errors, ct);
        }
        if (indicator.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, cmd, ct);
        }

        var before = new { indicator.Baseline, indicator.Target };
        indicator.Baseline = baseline!.Value;
        indicator.Target = target!.Value;
        indicator.Version++;
        kit.Audit.Add(db, actor, action, Type, indicator.Id, indicator.SpearpointId, before, new { indicator.Baseline, indicator.Target });
        if (!await kit.CommitAsync(db, indicator.SpearpointId, ct))
        {
            return await ConflictAsync(actor, cmd, ct);
        }
        return kit.Saved(indicator.Version);
    }

    /// <summary>A percentage lies between 0 and 100; anything else within a generous limit.</summary>
    public static (double Min, double Max) Range(string unit) =>
        unit.Trim().StartsWith('%') ? (0, 100) : (-ValueLimit, ValueLimit);

    private async Task<SaveResult> ConflictAsync(Actor actor, EditIndicatorCommand cmd, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Indicators.Where(i => i.Id == cmd.IndicatorId)
            .Select(i => new { i.Baseline, i.Target, i.Unit, i.Version, i.SpearpointId }).FirstAsync(ct);
        var details = kit.L["Conflict.Indicator", Fmt.Value(current.Baseline, current.Unit), Fmt.Value(current.Target, current.Unit)];
        return await kit.ConflictAsync(actor, "EditIndicator", Type, cmd.IndicatorId, current.SpearpointId, cmd, details, current.Version, ct);
    }
}
