using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Briefings;

/// <summary>Plans and edits briefings (bijpraatsessies): date, title, audience, agenda, notes and the spearpoints on the agenda.</summary>
public sealed class BriefingEditor(EditorKit kit, QuestionDeadlines deadlines)
{
    public const int TitleMax = 200;
    public const int AudienceMax = 200;
    public const int AgendaMax = 4000;
    public const int NotesMax = 4000;
    private const string Type = nameof(Briefing);

    private static readonly Records<Briefing> Briefings = Records.Briefings with { Current = CurrentAsync };

    /// <summary>The plan of a new briefing is one of the form's values, so a missing one is invalid input.</summary>
    private static readonly Records<Plan> Plans = Records.Plans with { MissingIsInvalid = true };

    public Task<SaveResult> AddAsync(Actor actor, AddBriefingCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddBriefing", Type, null, cmd), Right.Edit, Plans.In(cmd.PlanId, cmd.PlanId), null,
            async (db, plan, errors) =>
            {
                if (await ValidateAsync(db, plan, errors, cmd.Date, cmd.Title, cmd.Audience, cmd.Agenda, cmd.Notes, cmd.SpearpointIds,
                    cmd.QuestionsUntil, cmd.AnswersBy, ct) is not { } values)
                {
                    return null;
                }
                var briefing = new Briefing { PlanId = plan.Id, Title = values.Title };
                Apply(briefing, values);
                db.Briefings.Add(briefing);
                return new Audited(null, Snapshot(briefing)) { Answer = () => kit.Saved(briefing.Version, briefing.Id) };
            }, ct);

    public Task<SaveResult> EditAsync(Actor actor, EditBriefingCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EditBriefing", Type, cmd.BriefingId, cmd), Right.Edit, Briefings.In(cmd.PlanId, cmd.BriefingId),
            cmd.ExpectedVersion, async (db, briefing, errors) =>
            {
                if (await ValidateAsync(db, briefing.Plan!, errors, cmd.Date, cmd.Title, cmd.Audience, cmd.Agenda, cmd.Notes, cmd.SpearpointIds,
                    cmd.QuestionsUntil, cmd.AnswersBy, ct) is not { } values)
                {
                    return null;
                }
                var before = Snapshot(briefing);
                Apply(briefing, values);
                briefing.Version++;
                return new Audited(before, Snapshot(briefing));
            }, ct);

    private sealed record Values(DateOnly Date, string Title, string Audience, string Agenda, string Notes, List<Spearpoint> Spearpoints,
        DateTime? QuestionsUntil, DateTime? AnswersBy);

    /// <summary>The form's values checked and normalised, or null with the reasons in <paramref name="errors"/>.</summary>
    private async Task<Values?> ValidateAsync(DashboardDbContext db, Plan plan, FieldErrors errors, DateOnly? date, string? title,
        string? audience, string? agenda, string? notes, IReadOnlyList<int>? spearpointIds, DateTime? questionsUntil, DateTime? answersBy,
        CancellationToken ct)
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
        var (until, by) = Deadlines(errors, day, questionsUntil, answersBy);
        return errors.Any
            ? null
            : new Values(day!.Value, cleanTitle!, cleanAudience!, cleanAgenda ?? "", cleanNotes ?? "",
                spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToList(), until, by);
    }

    /// <summary>
    /// Vragen tot and antwoord uiterlijk (Dutch time in, UTC out; null: the default from the settings): each on or before the
    /// session's day, and the answers after the questions (a deadline left to the default is compared as it will be).
    /// </summary>
    private (DateTime? QuestionsUntil, DateTime? AnswersBy) Deadlines(FieldErrors errors, DateOnly? day, DateTime? questionsUntil, DateTime? answersBy)
    {
        if (day is not { } session || (questionsUntil is null && answersBy is null))
        {
            return (null, null);
        }
        var until = questionsUntil is { } u ? Utc(u) : (DateTime?)null;
        var by = answersBy is { } a ? Utc(a) : (DateTime?)null;
        foreach (var (field, local) in new[] { ("QuestionsUntil", questionsUntil), ("AnswersBy", answersBy) })
        {
            if (local is { } at && DateOnly.FromDateTime(at) > session)
            {
                errors.Add(field, kit.L["Validation.DeadlineAfterSession", errors.Label(field), Fmt.Date(session)]);
            }
        }
        var effective = deadlines.For(new Briefing { Title = "", Date = session, QuestionsUntil = until, AnswersBy = by });
        if (effective.AnswersBy <= effective.QuestionsUntil)
        {
            errors.Add("AnswersBy", kit.L["Validation.AnswersBeforeQuestions", errors.Label("AnswersBy"), errors.Label("QuestionsUntil"),
                Fmt.DateTime(effective.QuestionsUntil)]);
        }
        return (until, by);
    }

    /// <summary>A Dutch date and time from the form as the UTC instant it is.</summary>
    private static DateTime Utc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), DashboardClock.Zone);

    private static void Apply(Briefing briefing, Values values)
    {
        briefing.Date = values.Date;
        briefing.Title = values.Title;
        briefing.Audience = values.Audience;
        briefing.Agenda = values.Agenda;
        briefing.Notes = values.Notes;
        briefing.QuestionsUntil = values.QuestionsUntil;
        briefing.AnswersBy = values.AnswersBy;
        briefing.Spearpoints.RemoveAll(s => !values.Spearpoints.Any(v => v.Id == s.Id));
        briefing.Spearpoints.AddRange(values.Spearpoints.Where(v => !briefing.Spearpoints.Any(s => s.Id == v.Id)));
    }

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int briefingId, CancellationToken ct)
    {
        var current = await db.Briefings.Where(b => b.Id == briefingId)
            .Select(b => new { b.Title, b.Date, b.Audience, b.Version }).FirstAsync(ct);
        return (L["Conflict.Briefing", current.Title, Fmt.Date(current.Date), current.Audience], current.Version);
    }

    private static object Snapshot(Briefing b) => new
    {
        b.Date,
        b.Title,
        b.Audience,
        b.Agenda,
        b.Notes,
        b.QuestionsUntil,
        b.AnswersBy,
        Spearpoints = string.Join(", ", b.Spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => s.Code)),
    };
}
