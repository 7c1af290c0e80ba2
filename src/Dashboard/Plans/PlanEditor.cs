using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Plans;

/// <summary>
/// Creates, edits, archives and brings back plans. A plan is never deleted: an archived plan leaves the
/// lists and the plan switcher but stays readable and exportable at its address.
/// </summary>
public sealed class PlanEditor(EditorKit kit)
{
    public const int NameMax = 200;
    public const int DescriptionMax = 4000;
    private const string Type = nameof(Plan);

    public async Task<SaveResult> CreateAsync(Actor actor, CreatePlanCommand cmd, CancellationToken ct = default)
    {
        const string action = "CreatePlan";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, null, cmd, ct);
        }
        var errors = kit.NewErrors();
        var fields = Validate(errors, cmd.Name, cmd.Organisation, cmd.StartDate, cmd.EndDate, cmd.Description);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, null, null, cmd, errors, ct);
        }

        await using var db = await kit.CreateDbAsync(ct);
        var plan = new Plan
        {
            Name = fields.Name,
            Organisation = fields.Organisation,
            StartDate = fields.Start,
            EndDate = fields.End,
            Description = fields.Description,
            CreatedAt = kit.Clock.UtcNow,
        };
        await kit.AddAuditedAsync(db, plan, () => kit.Audit.Add(db, actor, action, Type, plan.Id, null, null, Snapshot(plan)), ct);
        return kit.Saved(plan.Version, plan.Id);
    }

    public async Task<SaveResult> EditAsync(Actor actor, EditPlanCommand cmd, CancellationToken ct = default)
    {
        const string action = "EditPlan";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.PlanId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == cmd.PlanId, ct);
        if (plan is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.PlanId, cmd, "Plan", ct);
        }

        var errors = kit.NewErrors();
        var fields = Validate(errors, cmd.Name, cmd.Organisation, cmd.StartDate, cmd.EndDate, cmd.Description);
        if (!errors.Any)
        {
            await CheckPeriodHoldsAsync(db, errors, plan.Id, fields.Start, fields.End, ct);
        }
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.PlanId, null, cmd, errors, ct);
        }
        if (plan.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.PlanId, ct);
        }

        var before = Snapshot(plan);
        plan.Name = fields.Name;
        plan.Organisation = fields.Organisation;
        plan.StartDate = fields.Start;
        plan.EndDate = fields.End;
        plan.Description = fields.Description;
        plan.Version++;
        kit.Audit.Add(db, actor, action, Type, plan.Id, null, before, Snapshot(plan));
        if (!await kit.CommitPlanAsync(db, plan.Id, null, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.PlanId, ct);
        }
        return kit.Saved(plan.Version);
    }

    public async Task<SaveResult> ArchiveAsync(Actor actor, ArchivePlanCommand cmd, CancellationToken ct = default)
    {
        var action = cmd.Archived ? "ArchivePlan" : "RestorePlan";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.PlanId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == cmd.PlanId, ct);
        if (plan is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.PlanId, cmd, "Plan", ct);
        }
        if (plan.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.PlanId, ct);
        }
        if ((plan.ArchivedAt is not null) == cmd.Archived)
        {
            return kit.Saved(plan.Version); // already so: nothing to change
        }

        var before = new { Archived = plan.ArchivedAt is not null };
        plan.ArchivedAt = cmd.Archived ? kit.Clock.UtcNow : null;
        plan.Version++;
        kit.Audit.Add(db, actor, action, Type, plan.Id, null, before, new { Archived = cmd.Archived });
        if (!await kit.CommitPlanAsync(db, plan.Id, null, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.PlanId, ct);
        }
        return kit.Saved(plan.Version);
    }

    internal sealed record PlanFields(string Name, string Organisation, DateOnly Start, DateOnly End, string Description);

    /// <summary>The rules of a plan's own fields, for a new plan, an edit and a follow-up plan alike.</summary>
    internal static PlanFields Validate(FieldErrors errors, string? name, string? organisation, DateOnly? start, DateOnly? end, string? description)
    {
        var n = errors.Text(nameof(CreatePlanCommand.Name), name, NameMax, required: true);
        var o = errors.Text(nameof(CreatePlanCommand.Organisation), organisation, NameMax, required: true);
        var (s, e) = errors.Period(nameof(CreatePlanCommand.StartDate), start, nameof(CreatePlanCommand.EndDate), end);
        var d = errors.Text(nameof(CreatePlanCommand.Description), description, DescriptionMax, required: false, multiline: true);
        return new PlanFields(n ?? "", o ?? "", s ?? default, e ?? default, d ?? "");
    }

    /// <summary>A new period must still hold every milestone and briefing of the plan.</summary>
    private async Task CheckPeriodHoldsAsync(DashboardDbContext db, FieldErrors errors, int planId, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var milestone = await db.Milestones.AsNoTracking()
            .Where(m => m.Spearpoint!.PlanId == planId && m.State != Status.Cancelled && (m.DueDate < start || m.DueDate > end))
            .OrderBy(m => m.DueDate).Select(m => new { m.Title, m.DueDate }).FirstOrDefaultAsync(ct);
        if (milestone is not null)
        {
            var field = milestone.DueDate < start ? nameof(EditPlanCommand.StartDate) : nameof(EditPlanCommand.EndDate);
            errors.Add(field, kit.L["Validation.MilestoneOutsidePeriod", errors.Label(field), milestone.Title, Fmt.Date(milestone.DueDate)]);
        }
        var briefing = await db.Briefings.AsNoTracking()
            .Where(b => b.PlanId == planId && (b.Date < start || b.Date > end))
            .OrderBy(b => b.Date).Select(b => new { b.Title, b.Date }).FirstOrDefaultAsync(ct);
        if (briefing is not null)
        {
            var field = briefing.Date < start ? nameof(EditPlanCommand.StartDate) : nameof(EditPlanCommand.EndDate);
            errors.Add(field, kit.L["Validation.BriefingOutsidePeriod", errors.Label(field), briefing.Title, Fmt.Date(briefing.Date)]);
        }
    }

    private async Task<SaveResult> ConflictAsync(Actor actor, string action, object cmd, int planId, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Name, p.StartDate, p.EndDate, p.ArchivedAt, p.Version }).FirstAsync(ct);
        var details = kit.L["Conflict.Plan", current.Name, Fmt.Date(current.StartDate), Fmt.Date(current.EndDate),
            kit.L[current.ArchivedAt is null ? "Plan.NotArchived" : "PlanState.Archived"]];
        return await kit.ConflictAsync(actor, action, Type, planId, null, cmd, details, current.Version, ct);
    }

    private static object Snapshot(Plan p) => new { p.Name, p.Organisation, p.StartDate, p.EndDate, p.Description };
}
