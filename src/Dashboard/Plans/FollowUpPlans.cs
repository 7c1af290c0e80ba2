using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Plans;

/// <summary>
/// Vervolgplan maken: a plan for the next period from an existing one. It takes the chosen spearpoints
/// (all that still run, by default) with their owners; their unfinished milestones, each marked as carried
/// over from where it came; and their running indicators, the latest value as the new baseline. No status
/// history is copied: every spearpoint starts as Niet gestart. The old plan is not changed at all.
/// </summary>
public sealed class FollowUpPlans(EditorKit kit)
{
    private const string Type = nameof(Plan);

    /// <summary>What the form proposes: the old plan's name, organisation and the period right after it, every running spearpoint.</summary>
    public async Task<FollowUpProposal?> ProposeAsync(int fromPlanId, CancellationToken ct = default)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == fromPlanId)
            .Select(p => new
            {
                p.Id, p.Name, p.Organisation, p.StartDate, p.EndDate, p.Description,
                Spearpoints = p.Spearpoints.OrderBy(s => s.Kind).ThenBy(s => s.SortOrder).ThenBy(s => s.Id)
                    .Select(s => new FollowUpSpearpoint(s.Id, s.Code, s.Title, s.Kind, s.EndedAt != null,
                        s.Milestones.Count(m => m.State != Status.Done && m.State != Status.Cancelled)))
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        // The same length again, starting the day after.
        var start = plan.EndDate.AddDays(1);
        var months = (plan.EndDate.Year - plan.StartDate.Year) * 12 + plan.EndDate.Month - plan.StartDate.Month + 1;
        var end = start.AddMonths(Math.Max(1, months)).AddDays(-1);
        return new FollowUpProposal(plan.Id, plan.Name, plan.Organisation, start, end, plan.Spearpoints);
    }

    /// <summary>The old plan with all that is carried over, read only.</summary>
    private static readonly Records<Plan> From = Records.Plans with
    {
        Find = (db, _, id) => db.Plans.AsNoTracking()
            .Include(p => p.Spearpoints).ThenInclude(s => s.Milestones)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Indicators).ThenInclude(i => i.Measurements)
            .AsSplitQuery()
            .Where(p => p.Id == id),
    };

    public Task<SaveResult> CreateAsync(Actor actor, FollowUpPlanCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "CreateFollowUpPlan", Type, cmd.FromPlanId, cmd), Right.SetUpPlans,
            From.In(cmd.FromPlanId, cmd.FromPlanId), null, async (db, from, errors) =>
            {
                var fields = PlanEditor.Validate(errors, cmd.Name, cmd.Organisation, cmd.StartDate, cmd.EndDate, cmd.Description);
                var chosen = cmd.SpearpointIds is null
                    ? from.Spearpoints.Where(s => s.EndedAt is null).ToList()
                    : from.Spearpoints.Where(s => cmd.SpearpointIds.Contains(s.Id)).ToList();
                if (cmd.SpearpointIds is not null && cmd.SpearpointIds.Distinct().Count() != chosen.Count)
                {
                    errors.Add(nameof(cmd.SpearpointIds), kit.L["Validation.NotInPlan", errors.Label(nameof(cmd.SpearpointIds))]);
                }
                if (errors.Any)
                {
                    return null;
                }
                var plan = FollowUp(from, fields, chosen, actor.Name);
                // The redacteuren of the previous plan edit its follow-up.
                plan.Editors.AddRange((await db.PlanEditors.Where(e => e.PlanId == from.Id).Select(e => e.UserId).ToListAsync(ct))
                    .Select(id => new PlanEditorship { UserId = id }));
                return new Audited(null, new
                {
                    plan.Name, plan.StartDate, plan.EndDate, From = from.Name,
                    Spearpoints = plan.Spearpoints.Select(s => s.Code).ToList(),
                    CarriedOverMilestones = plan.Spearpoints.Sum(s => s.Milestones.Count),
                    Indicators = plan.Spearpoints.Sum(s => s.Indicators.Count),
                    Editors = plan.Editors.Select(e => e.UserId).Order(StringComparer.Ordinal).ToList(),
                })
                {
                    Added = plan,
                    Named = () => (plan.Id, null),
                    Answer = () => kit.Saved(plan.Version, plan.Id),
                };
            }, ct);

    /// <summary>The new plan with the chosen spearpoints, their unfinished milestones and running indicators.</summary>
    private Plan FollowUp(Plan from, PlanEditor.PlanFields fields, List<Spearpoint> chosen, string author)
    {
        var now = kit.Clock.UtcNow;
        var plan = fields.NewPlan(now, from.Id);
        var order = 0;
        foreach (var old in chosen.OrderBy(s => s.Kind).ThenBy(s => s.SortOrder).ThenBy(s => s.Id))
        {
            var spearpoint = new Spearpoint
            {
                Plan = plan,
                Kind = old.Kind,
                Code = old.Code,
                Title = old.Title,
                Description = old.Description,
                OwnerRole = old.OwnerRole,
                OwnerId = old.OwnerId,
                SortOrder = ++order,
            };
            spearpoint.Revisions.Add(SpearpointRevision.Of(spearpoint, author, now));
            spearpoint.Milestones.AddRange(CarriedOver(old, plan, author, now));
            spearpoint.Indicators.AddRange(old.Indicators.Where(i => i.EndedAt is null).OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                .Select((i, n) => NewBaseline(i, n + 1, now)));
            plan.Spearpoints.Add(spearpoint);
        }
        return plan;
    }

    /// <summary>
    /// The unfinished milestones, in their order and state. A due date before the new period moves to its first
    /// day (and so shows as verschoven, slipped from its original date); one after it to its last day.
    /// </summary>
    private static IEnumerable<Milestone> CarriedOver(Spearpoint old, Plan plan, string author, DateTime now)
    {
        var order = 0;
        foreach (var m in old.Milestones.Where(m => m.State is not (Status.Done or Status.Cancelled)).OrderBy(m => m.SortOrder).ThenBy(m => m.Id))
        {
            var due = m.DueDate < plan.StartDate ? plan.StartDate : m.DueDate > plan.EndDate ? plan.EndDate : m.DueDate;
            var milestone = new Milestone
            {
                Title = m.Title,
                DueDate = due,
                OriginalDueDate = m.OriginalDueDate < due ? m.OriginalDueDate : due,
                State = m.State,
                SortOrder = ++order,
                CreatedAt = now,
                CarriedOverFromId = m.Id,
            };
            milestone.Revisions.Add(MilestoneRevision.Of(milestone, author, now));
            yield return milestone;
        }
    }

    /// <summary>The same indicator, measured afresh: its latest value (if any) is the new baseline, on the date it was measured.</summary>
    private static Indicator NewBaseline(Indicator i, int order, DateTime now)
    {
        var latest = i.Measurements.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).FirstOrDefault();
        return new Indicator
        {
            Name = i.Name,
            Unit = i.Unit,
            Baseline = latest?.Value ?? i.Baseline,
            BaselineDate = latest?.Date ?? i.BaselineDate,
            Target = i.Target,
            Direction = i.Direction,
            Frequency = i.Frequency,
            SortOrder = order,
            CreatedAt = now,
        };
    }
}

/// <summary>What the Vervolgplan form starts with.</summary>
public sealed record FollowUpProposal(int FromPlanId, string Name, string Organisation, DateOnly StartDate, DateOnly EndDate,
    IReadOnlyList<FollowUpSpearpoint> Spearpoints);

/// <summary>A spearpoint of the old plan to choose: ended ones are not chosen by default.</summary>
public sealed record FollowUpSpearpoint(int Id, string Code, string Title, SpearpointKind Kind, bool IsEnded, int OpenMilestones);
