using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Progress;

/// <summary>
/// Adds, edits, reschedules, completes, cancels and reorders milestones. Each change appends a
/// revision, so the milestone's state on any earlier date can be rebuilt.
/// </summary>
public sealed class MilestoneEditor(EditorKit kit)
{
    public const int TitleMax = 200;
    public const int ReasonMax = 1000;
    private const string Type = nameof(Milestone);

    /// <summary>The states an open milestone can be set to; Gereed and Vervallen have their own actions.</summary>
    public static readonly IReadOnlyList<Status> OpenStates = [Status.NotStarted, Status.OnTrack, Status.NeedsAttention, Status.Delayed];

    public async Task<SaveResult> AddAsync(Actor actor, AddMilestoneCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddMilestone";
        if (!actor.MayEdit)
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
        var title = errors.Text(nameof(cmd.Title), cmd.Title, TitleMax, required: true);
        var due = errors.Date(nameof(cmd.DueDate), cmd.DueDate, spearpoint.Plan!.StartDate, spearpoint.Plan.EndDate);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, null, spearpoint.Id, cmd, errors, ct);
        }

        var order = await db.Milestones.Where(m => m.SpearpointId == spearpoint.Id).MaxAsync(m => (int?)m.SortOrder, ct) ?? 0;
        var now = kit.Clock.UtcNow;
        var milestone = new Milestone
        {
            SpearpointId = spearpoint.Id,
            Title = title!,
            DueDate = due!.Value,
            OriginalDueDate = due.Value,
            State = Status.NotStarted,
            SortOrder = order + 1,
            CreatedAt = now,
        };
        db.Milestones.Add(milestone);
        milestone.Revisions.Add(MilestoneRevision.Of(milestone, actor.Name, now));
        kit.Audit.Add(db, actor, action, Type, null, spearpoint.Id, null, Snapshot(milestone));
        await kit.CommitAsync(db, spearpoint.Id, ct);
        return kit.Saved(milestone.Version, milestone.Id);
    }

    public Task<SaveResult> EditAsync(Actor actor, EditMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor.MayEdit, actor, "EditMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, plan, errors) =>
        {
            var title = errors.Text(nameof(cmd.Title), cmd.Title, TitleMax, required: true);
            var due = errors.Date(nameof(cmd.DueDate), cmd.DueDate, plan.StartDate, plan.EndDate);
            // A done or cancelled milestone keeps its state when only title or date change;
            // choosing an open state reopens it.
            errors.Choice(nameof(cmd.State), cmd.State, OpenStates.Append(m.State));
            if (errors.Any)
            {
                return;
            }
            m.Title = title!;
            m.DueDate = due!.Value;   // a later date is a reschedule: OriginalDueDate stays
            if (cmd.State != m.State)
            {
                m.State = cmd.State;
                m.CompletedOn = null;
                m.CancelReason = null;
            }
        }, ct);

    public Task<SaveResult> CompleteAsync(Actor actor, CompleteMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor.MayUpdateStatus, actor, "CompleteMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, plan, errors) =>
        {
            // Done today or earlier, not before the plan began.
            var completedOn = errors.Date(nameof(cmd.CompletedOn), cmd.CompletedOn, plan.StartDate, kit.Clock.Today);
            if (errors.Any)
            {
                return;
            }
            m.State = Status.Done;
            m.CompletedOn = completedOn;
            m.CancelReason = null;
        }, ct);

    public Task<SaveResult> CancelAsync(Actor actor, CancelMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(actor.MayEdit, actor, "CancelMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, _, errors) =>
        {
            var reason = errors.Text(nameof(cmd.CancelReason), cmd.CancelReason, ReasonMax, required: true, multiline: true);
            if (errors.Any)
            {
                return;
            }
            m.State = Status.Cancelled;
            m.CancelReason = reason;
            m.CompletedOn = null;
        }, ct);

    public async Task<SaveResult> MoveAsync(Actor actor, MoveMilestoneCommand cmd, CancellationToken ct = default)
    {
        const string action = "MoveMilestone";
        if (!actor.MayEdit)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.MilestoneId, cmd, ct);
        }
        if (cmd.Direction is not (-1 or 1))
        {
            var errors = kit.NewErrors();
            errors.Add(nameof(cmd.Direction), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Direction))]);
            return await kit.InvalidAsync(actor, action, Type, cmd.MilestoneId, null, cmd, errors, ct);
        }

        await using var db = await kit.CreateDbAsync(ct);
        var milestone = await db.Milestones.FirstOrDefaultAsync(m => m.Id == cmd.MilestoneId && m.Spearpoint!.PlanId == cmd.PlanId, ct);
        if (milestone is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.MilestoneId, cmd, "Milestone", ct);
        }
        if (milestone.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.MilestoneId, ct);
        }

        var siblings = await db.Milestones.Where(m => m.SpearpointId == milestone.SpearpointId)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToListAsync(ct);
        var index = siblings.IndexOf(milestone);
        var target = index + cmd.Direction;
        if (target < 0 || target >= siblings.Count)
        {
            return kit.Saved(milestone.Version); // already first or last: nothing to change
        }
        (siblings[index], siblings[target]) = (siblings[target], siblings[index]);

        var now = kit.Clock.UtcNow;
        for (var i = 0; i < siblings.Count; i++)
        {
            if (siblings[i].SortOrder != i + 1)
            {
                siblings[i].SortOrder = i + 1;
                siblings[i].Version++;
                db.MilestoneRevisions.Add(MilestoneRevision.Of(siblings[i], actor.Name, now));
            }
        }
        kit.Audit.Add(db, actor, action, Type, milestone.Id, milestone.SpearpointId,
            new { Position = index + 1 }, new { Position = target + 1 });
        if (!await kit.CommitAsync(db, milestone.SpearpointId, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.MilestoneId, ct);
        }
        return kit.Saved(milestone.Version);
    }

    /// <summary>Load, check the version, apply, revise, audit, commit: the shape of every milestone edit.</summary>
    private async Task<SaveResult> ChangeAsync(bool allowed, Actor actor, string action, object cmd, int planId, int milestoneId, int expectedVersion,
        Action<Milestone, Plan, FieldErrors> apply, CancellationToken ct)
    {
        if (!allowed)
        {
            return await kit.ForbiddenAsync(actor, action, Type, milestoneId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var milestone = await db.Milestones.Include(m => m.Spearpoint!).ThenInclude(s => s.Plan)
            .FirstOrDefaultAsync(m => m.Id == milestoneId && m.Spearpoint!.PlanId == planId, ct);
        if (milestone is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, milestoneId, cmd, "Milestone", ct);
        }

        var before = Snapshot(milestone);
        var errors = kit.NewErrors();
        apply(milestone, milestone.Spearpoint!.Plan!, errors);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, milestoneId, milestone.SpearpointId, cmd, errors, ct);
        }
        if (milestone.Version != expectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, milestoneId, ct);
        }

        milestone.Version++;
        db.MilestoneRevisions.Add(MilestoneRevision.Of(milestone, actor.Name, kit.Clock.UtcNow));
        kit.Audit.Add(db, actor, action, Type, milestone.Id, milestone.SpearpointId, before, Snapshot(milestone));
        if (!await kit.CommitAsync(db, milestone.SpearpointId, ct))
        {
            return await ConflictAsync(actor, action, cmd, milestoneId, ct);
        }
        return kit.Saved(milestone.Version);
    }

    private async Task<SaveResult> ConflictAsync(Actor actor, string action, object cmd, int milestoneId, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Milestones.Where(m => m.Id == milestoneId)
            .Select(m => new
            {
                m.Title, m.DueDate, m.State, m.Version, m.SpearpointId,
                Last = m.Revisions.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                    .Select(r => new { r.Author, r.RecordedAt }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        var details = kit.L["Conflict.Milestone", current.Last?.Author ?? "?",
            current.Last is null ? "?" : Fmt.DateTime(current.Last.RecordedAt),
            current.Title, Fmt.Date(current.DueDate), kit.L[$"Status.{current.State}"]];
        return await kit.ConflictAsync(actor, action, Type, milestoneId, current.SpearpointId, cmd, details, current.Version, ct);
    }

    private static object Snapshot(Milestone m) => new { m.Title, m.DueDate, m.State, m.CompletedOn, m.CancelReason, m.SortOrder };
}
