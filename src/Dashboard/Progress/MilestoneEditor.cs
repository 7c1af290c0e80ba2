using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

    private static readonly Records<Milestone> Milestones = Records.Milestones with { Current = CurrentAsync };

    public Task<SaveResult> AddAsync(Actor actor, AddMilestoneCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddMilestone", Type, null, cmd, cmd.SpearpointId), Right.Edit,
            Records.Spearpoints.In(cmd.PlanId, cmd.SpearpointId), null, async (db, spearpoint, errors) =>
            {
                var title = errors.Text(nameof(cmd.Title), cmd.Title, TitleMax, required: true);
                var due = errors.Date(nameof(cmd.DueDate), cmd.DueDate, spearpoint.Plan!.StartDate, spearpoint.Plan.EndDate);
                if (errors.Any)
                {
                    return null;
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
                return new Audited(null, Snapshot(milestone)) { Answer = () => kit.Saved(milestone.Version, milestone.Id) };
            }, ct);

    public Task<SaveResult> EditAsync(Actor actor, EditMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(Right.Edit, actor, "EditMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, plan, errors) =>
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
            m.ChangeState(cmd.State);
        }, ct);

    public Task<SaveResult> CompleteAsync(Actor actor, CompleteMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(Right.UpdateStatus, actor, "CompleteMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, plan, errors) =>
        {
            // Done today or earlier, not before the plan began.
            if (errors.Date(nameof(cmd.CompletedOn), cmd.CompletedOn, plan.StartDate, kit.Clock.Today) is { } completedOn)
            {
                m.Complete(completedOn);
            }
        }, ct);

    public Task<SaveResult> CancelAsync(Actor actor, CancelMilestoneCommand cmd, CancellationToken ct = default) =>
        ChangeAsync(Right.Edit, actor, "CancelMilestone", cmd, cmd.PlanId, cmd.MilestoneId, cmd.ExpectedVersion, (m, _, errors) =>
        {
            if (errors.Text(nameof(cmd.CancelReason), cmd.CancelReason, ReasonMax, required: true, multiline: true) is { } reason)
            {
                m.Cancel(reason);
            }
        }, ct);

    public Task<SaveResult> MoveAsync(Actor actor, MoveMilestoneCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "MoveMilestone", Type, cmd.MilestoneId, cmd), Right.Edit,
            Milestones.In(cmd.PlanId, cmd.MilestoneId), cmd.ExpectedVersion, async (db, milestone, _) =>
            {
                var siblings = await db.Milestones.Where(m => m.SpearpointId == milestone.SpearpointId)
                    .OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToListAsync(ct);
                var index = siblings.IndexOf(milestone);
                var target = index + cmd.Direction;
                if (target < 0 || target >= siblings.Count)
                {
                    return null; // already first or last: nothing to change
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
                return new Audited(new { Position = index + 1 }, new { Position = target + 1 });
            }, ct, check: errors =>
            {
                if (cmd.Direction is not (-1 or 1))
                {
                    errors.Add(nameof(cmd.Direction), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Direction))]);
                }
            });

    /// <summary>Change, revise and audit: the shape of every edit of one milestone.</summary>
    private Task<SaveResult> ChangeAsync(Right right, Actor actor, string action, object cmd, int planId, int milestoneId, int expectedVersion,
        Action<Milestone, Plan, FieldErrors> apply, CancellationToken ct) =>
        kit.ChangeAsync(new Write(actor, action, Type, milestoneId, cmd), right, Milestones.In(planId, milestoneId), expectedVersion,
            (db, milestone, errors) =>
            {
                var before = Snapshot(milestone);
                apply(milestone, milestone.Spearpoint!.Plan!, errors);
                if (errors.Any)
                {
                    return null;
                }
                milestone.Version++;
                db.MilestoneRevisions.Add(MilestoneRevision.Of(milestone, actor.Name, kit.Clock.UtcNow));
                return new Audited(before, Snapshot(milestone));
            }, ct);

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int milestoneId, CancellationToken ct)
    {
        var current = await db.Milestones.Where(m => m.Id == milestoneId)
            .Select(m => new
            {
                m.Title, m.DueDate, m.State, m.Version,
                Last = m.Revisions.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                    .Select(r => new { r.Author, r.RecordedAt }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        return (L["Conflict.Milestone", current.Last?.Author ?? "?", current.Last is null ? "?" : Fmt.DateTime(current.Last.RecordedAt),
            current.Title, Fmt.Date(current.DueDate), L[$"Status.{current.State}"]], current.Version);
    }

    private static object Snapshot(Milestone m) => new { m.Title, m.DueDate, m.State, m.CompletedOn, m.CancelReason, m.SortOrder };
}
