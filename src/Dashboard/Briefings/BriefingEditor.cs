using Dashboard.Common;
using Dashboard.Components.Pages;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Briefings;

/// <summary>Plans and edits briefings (bijpraatsessies): date, title, audience, agenda, notes and the spearpoints on the agenda.</summary>
public sealed class BriefingEditor(EditorKit kit)
{
    public const int TitleMax = 200;
    public const int AudienceMax = 200;
    public const int AgendaMax = 4000;
    public const int NotesMax = 4000;
    private const string Type = nameof(Briefing);

    public async Task<SaveResult> AddAsync(Actor actor, AddBriefingCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddBriefing";
        if (!actor.MayEdit)
        {
            return await kit.ForbiddenAsync(actor, action, Type, null, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == cmd.PlanId, ct);
        var errors = kit.NewErrors();
        if (plan is null)
        {
            errors.Add("Plan", kit.L["Validation.NotFound", errors.Label("Plan")]);
            return await kit.InvalidAsync(actor, action, Type, null, null, cmd, errors, ct);
        }

        var values = await ValidateAsync(db, plan, errors, cmd.Date, cmd.Title, cmd.Audience, cmd.Agenda, cmd.Notes, cmd.SpearpointIds, ct);
        if (values is null)
        {
            return await kit.InvalidAsync(actor, action, Type, null, null, cmd, errors, ct);
        }

        var briefing = new Briefing { PlanId = plan.Id, Title = values.Title };
        Apply(briefing, values);
        db.Briefings.Add(briefing);
        kit.Audit.Add(db, actor, action, Type, null, null, null, Snapshot(briefing));
        await kit.CommitQuietlyAsync(db, ct);
        return kit.Saved(briefing.Version, briefing.Id);
    }

    public async Task<SaveResult> EditAsync(Actor actor, EditBriefingCommand cmd, CancellationToken ct = default)
    {
        const string action = "EditBriefing";
        if (!actor.MayEdit)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.BriefingId, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var briefing = await db.Briefings.Include(b => b.Plan).Include(b => b.Spearpoints)
            .FirstOrDefaultAsync(b => b.Id == cmd.BriefingId && b.PlanId == cmd.PlanId, ct);
        if (briefing is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.BriefingId, cmd, "Briefing", ct);
        }

        var errors = kit.NewErrors();
        var values = await ValidateAsync(db, briefing.Plan!, errors, cmd.Date, cmd.Title, cmd.Audience, cmd.Agenda, cmd.Notes, cmd.SpearpointIds, ct);
        if (values is null)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.BriefingId, null, cmd, errors, ct);
        }
        if (briefing.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, ct);
        }

        var before = Snapshot(briefing);
        Apply(briefing, values);
        briefing.Version++;
        kit.Audit.Add(db, actor, action, Type, briefing.Id, null, before, Snapshot(briefing));
        if (!await kit.CommitQuietlyAsync(db, ct))
        {
            return await ConflictAsync(actor, action, cmd, ct);
        }
        return kit.Saved(briefing.Version);
    }

    private sealed record Values(DateOnly Date, string Title, string Audience, string Agenda, string Notes, List<Spearpoint> Spearpoints);

    /// <summary>The form's values checked and normalised, or null with the reasons in <paramref name="errors"/>.</summary>
    private async Task<Values?> ValidateAsync(DashboardDbContext db, Plan plan, FieldErrors errors, DateOnly? date, string? title,
        string? audience, string? agenda, string? notes, IReadOnlyList<int>? spearpointIds, CancellationToken ct)
    {
        var day = errors.Date("Date", date, plan.StartDate, plan.EndDate);
        var cleanTitle = errors.Text("Title", title, TitleMax, required: true);
        var cleanAudience = errors.Text("Audience", audience, AudienceMax, required: true);
        var cleanAgenda = errors.Text("Agenda", agenda, AgendaMax, required: false, multiline: true);
        var cleanNotes = errors.Text("Notes", notes, NotesMax, required: false, multiline: true);

        var ids = (spearpointIds ?? []).Distinct().ToList();
        var spearpoints = new List<Spearpoint>();
        if (ids.Count == 0)
        {
            errors.Add("AgendaSpearpoints", kit.L["Validation.ChooseSpearpoint", errors.Label("AgendaSpearpoints")]);
        }
        else
        {
            // Bounded by the plan's own spearpoints: an id of another plan is simply not found.
            spearpoints = await db.Spearpoints.Where(s => s.PlanId == plan.Id && ids.Contains(s.Id)).ToListAsync(ct);
            if (spearpoints.Count != ids.Count)
            {
                errors.Add("AgendaSpearpoints", kit.L["Validation.NotInPlan", errors.Label("Spearpoint")]);
            }
        }
        return errors.Any
            ? null
            : new Values(day!.Value, cleanTitle!, cleanAudience!, cleanAgenda ?? "", cleanNotes ?? "",
                spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToList());
    }

    private static void Apply(Briefing briefing, Values values)
    {
        briefing.Date = values.Date;
        briefing.Title = values.Title;
        briefing.Audience = values.Audience;
        briefing.Agenda = values.Agenda;
        briefing.Notes = values.Notes;
        briefing.Spearpoints.RemoveAll(s => !values.Spearpoints.Any(v => v.Id == s.Id));
        briefing.Spearpoints.AddRange(values.Spearpoints.Where(v => !briefing.Spearpoints.Any(s => s.Id == v.Id)));
    }

    private async Task<SaveResult> ConflictAsync(Actor actor, string action, EditBriefingCommand cmd, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Briefings.Where(b => b.Id == cmd.BriefingId)
            .Select(b => new { b.Title, b.Date, b.Audience, b.Version }).FirstAsync(ct);
        var details = kit.L["Conflict.Briefing", current.Title, Fmt.Date(current.Date), current.Audience];
        return await kit.ConflictAsync(actor, action, Type, cmd.BriefingId, null, cmd, details, current.Version, ct);
    }

    private static object Snapshot(Briefing b) => new
    {
        b.Date,
        b.Title,
        b.Audience,
        b.Agenda,
        b.Notes,
        Spearpoints = string.Join(", ", b.Spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => s.Code)),
    };
}
