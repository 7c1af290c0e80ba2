using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

    private static readonly Records<Plan> Plans = Records.Plans with { Tell = p => EditorKit.Changes(p.Id, null), Current = CurrentAsync };

    public Task<SaveResult> CreateAsync(Actor actor, CreatePlanCommand cmd, CancellationToken ct = default) =>
        kit.CreateAsync(new Write(actor, "CreatePlan", Type, null, cmd), Right.SetUpPlans, (_, errors) =>
        {
            var fields = Validate(errors, cmd.Name, cmd.Organisation, cmd.StartDate, cmd.EndDate, cmd.Description);
            var councilSees = CouncilSees(errors, cmd.CouncilSees);
            if (errors.Any)
            {
                return null;
            }
            var plan = fields.NewPlan(kit.Clock.UtcNow);
            plan.CouncilSees = councilSees ?? plan.CouncilSees;
            if (actor.UserId is { } creator)
            {
                // The creator is the plan's first redacteur, stored with the plan.
                plan.Editors.Add(new PlanEditorship { UserId = creator });
            }
            return new Audited(null, Snapshot(plan, plan.Editors.Select(e => e.UserId)))
            {
                Added = plan,
                Named = () => (plan.Id, null),
                Answer = () => kit.Saved(plan.Version, plan.Id),
            };
        }, ct);

    public Task<SaveResult> EditAsync(Actor actor, EditPlanCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EditPlan", Type, cmd.PlanId, cmd), Right.SetUpPlans,
            Plans.In(cmd.PlanId, cmd.PlanId), cmd.ExpectedVersion, async (db, plan, errors) =>
            {
                var fields = Validate(errors, cmd.Name, cmd.Organisation, cmd.StartDate, cmd.EndDate, cmd.Description);
                var councilSees = CouncilSees(errors, cmd.CouncilSees);
                var editors = await db.PlanEditors.Where(e => e.PlanId == plan.Id).ToListAsync(ct);
                var editorIds = await EditorIdsAsync(db, errors, cmd.EditorIds, ct);
                if (!errors.Any)
                {
                    await CheckPeriodHoldsAsync(db, errors, plan.Id, fields.Start, fields.End, ct);
                }
                if (errors.Any)
                {
                    return null;
                }
                var before = Snapshot(plan, editors.Select(e => e.UserId));
                if (editorIds is not null)
                {
                    db.PlanEditors.RemoveRange(editors.Where(e => !editorIds.Contains(e.UserId)));
                    db.PlanEditors.AddRange(editorIds.Where(id => editors.All(e => e.UserId != id))
                        .Select(id => new PlanEditorship { PlanId = plan.Id, UserId = id }));
                }
                plan.Name = fields.Name;
                plan.Organisation = fields.Organisation;
                plan.StartDate = fields.Start;
                plan.EndDate = fields.End;
                plan.Description = fields.Description;
                plan.CouncilSees = councilSees ?? plan.CouncilSees;
                plan.Version++;
                return new Audited(before, Snapshot(plan, editorIds ?? editors.Select(e => e.UserId)));
            }, ct);

    public Task<SaveResult> ArchiveAsync(Actor actor, ArchivePlanCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, cmd.Archived ? "ArchivePlan" : "RestorePlan", Type, cmd.PlanId, cmd), Right.SetUpPlans,
            Plans.In(cmd.PlanId, cmd.PlanId), cmd.ExpectedVersion, (_, plan, _) =>
            {
                if ((plan.ArchivedAt is not null) == cmd.Archived)
                {
                    return null; // already so: nothing to change
                }
                var before = new { Archived = plan.ArchivedAt is not null };
                plan.ArchivedAt = cmd.Archived ? kit.Clock.UtcNow : null;
                plan.Version++;
                return new Audited(before, new { Archived = cmd.Archived });
            }, ct);

    internal sealed record PlanFields(string Name, string Organisation, DateOnly Start, DateOnly End, string Description)
    {
        public Plan NewPlan(DateTime createdAt, int? previousPlanId = null) => new()
        {
            Name = Name,
            Organisation = Organisation,
            StartDate = Start,
            EndDate = End,
            Description = Description,
            PreviousPlanId = previousPlanId,
            CreatedAt = createdAt,
            // A plan made here (new or follow-up) shows the council what was released; only plans older than rapportages
            // keep the live state, which is why the type's default stays Live.
            CouncilSees = CouncilView.Released,
        };
    }

    /// <summary>Raad ziet: one of the two known values, or none given (the default of the form's write).</summary>
    private static CouncilView? CouncilSees(FieldErrors errors, CouncilView? value) =>
        value is { } v && !errors.Choice(nameof(CreatePlanCommand.CouncilSees), v, Enum.GetValues<CouncilView>()) ? null : value;

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

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int planId, CancellationToken ct)
    {
        var current = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Name, p.StartDate, p.EndDate, p.ArchivedAt, p.Version }).FirstAsync(ct);
        return (L["Conflict.Plan", current.Name, Fmt.Date(current.StartDate), Fmt.Date(current.EndDate),
            L[current.ArchivedAt is null ? "Plan.NotArchived" : "PlanState.Archived"]], current.Version);
    }

    private static object Snapshot(Plan p, IEnumerable<string> editors) =>
        new { p.Name, p.Organisation, p.StartDate, p.EndDate, p.Description, p.CouncilSees, Editors = editors.Order(StringComparer.Ordinal).ToList() };

    /// <summary>
    /// Redacteuren: none given (as they are), or accounts with role manager, each once. An unknown account or one
    /// without the role is refused on the field.
    /// </summary>
    private async Task<List<string>?> EditorIdsAsync(DashboardDbContext db, FieldErrors errors, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        if (ids is null)
        {
            return null;
        }
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var managers = await ManagerIds(db).Where(id => wanted.Contains(id)).ToListAsync(ct);
        if (managers.Count != wanted.Count)
        {
            errors.Add(nameof(EditPlanCommand.EditorIds), kit.L["Validation.NotFound", errors.Label(nameof(EditPlanCommand.EditorIds))]);
            return null;
        }
        return wanted;
    }

    /// <summary>
    /// Redacteuren in Plan bewerken: the accounts with role manager that may be chosen (by name), and those of them that
    /// edit the plan now. An editor who lost the role is not shown, and leaves the list when the form is saved.
    /// </summary>
    public async Task<PlanEditorChoice> EditorChoiceAsync(int planId, CancellationToken ct = default)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var ids = ManagerIds(db);
        var managers = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new Users.OwnerOption(u.Id, u.DisplayName != "" ? u.DisplayName : u.Email ?? u.Id, u.Email ?? "")).ToListAsync(ct);
        var editors = await db.PlanEditors.AsNoTracking().Where(e => e.PlanId == planId && ids.Contains(e.UserId)).Select(e => e.UserId).ToListAsync(ct);
        return new PlanEditorChoice(managers.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList(), editors);
    }

    /// <summary>The ids of the accounts with role manager: who may be a plan's redacteur.</summary>
    internal static IQueryable<string> ManagerIds(DashboardDbContext db) =>
        db.UserRoles.Join(db.Roles.Where(r => r.Name == DashboardRoles.Manager), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
}

/// <summary>Redacteuren in Plan bewerken: who may be chosen, and who edits the plan now.</summary>
public sealed record PlanEditorChoice(IReadOnlyList<Users.OwnerOption> Managers, IReadOnlyList<string> EditorIds);
