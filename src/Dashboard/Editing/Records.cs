using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Editing;

/// <summary>
/// A kind of record a write opens: how the one with an id is found within a plan (with what the write reads of it), the
/// field a missing one names, its spearpoint, what a change to it tells the open screens, and what someone else saved.
/// </summary>
public sealed record Records<T>(string Field, Func<DashboardDbContext, int?, int, IQueryable<T>> Find) where T : class
{
    public Func<T, int?> SpearpointOf { get; init; } = _ => null;

    public Func<T, IReadOnlyCollection<Change>> Tell { get; init; } = _ => [];

    /// <summary>For a conflict: what is stored now, in words, and its version. Needed where a version is checked.</summary>
    public Func<DashboardDbContext, IStringLocalizer, int, CancellationToken, Task<(string Details, int Version)>>? Current { get; init; }

    /// <summary>A missing one is a wrong value in the form (Invalid, "bestaat niet (meer)") rather than a record gone.</summary>
    public bool MissingIsInvalid { get; init; }

    /// <summary>The one with <paramref name="id"/> within plan <paramref name="planId"/>, whose rights the write needs.</summary>
    public Opening<T> In(int? planId, int id) => new(this, planId, id);
}

public sealed record Opening<T>(Records<T> Records, int? PlanId, int Id) where T : class;

/// <summary>The records of a plan, each found only within it: an id of another plan is not there.</summary>
public static class Records
{
    public static Records<Plan> Plans { get; } = new("Plan", (db, _, id) => db.Plans.Where(p => p.Id == id));

    public static Records<Spearpoint> Spearpoints { get; } =
        new("Spearpoint", (db, plan, id) => db.Spearpoints.Include(s => s.Plan).Where(s => s.Id == id && s.PlanId == plan))
        {
            SpearpointOf = s => s.Id,
            Tell = s => [Change.OfSpearpoint(s.Id)],
        };

    public static Records<Milestone> Milestones { get; } =
        new("Milestone", (db, plan, id) => db.Milestones.Include(m => m.Spearpoint!).ThenInclude(s => s.Plan)
            .Where(m => m.Id == id && m.Spearpoint!.PlanId == plan))
        {
            SpearpointOf = m => m.SpearpointId,
            Tell = m => [Change.OfSpearpoint(m.SpearpointId)],
        };

    public static Records<Indicator> Indicators { get; } =
        new("Indicator", (db, plan, id) => db.Indicators.Include(i => i.Spearpoint!).ThenInclude(s => s.Plan)
            .Where(i => i.Id == id && i.Spearpoint!.PlanId == plan))
        {
            SpearpointOf = i => i.SpearpointId,
            Tell = i => [Change.OfSpearpoint(i.SpearpointId)],
        };

    public static Records<Briefing> Briefings { get; } =
        new("Briefing", (db, plan, id) => db.Briefings.Include(b => b.Plan).Include(b => b.Spearpoints).Where(b => b.Id == id && b.PlanId == plan));
}
