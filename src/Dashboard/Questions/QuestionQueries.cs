using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Questions;

/// <summary>One revision of an answer, as shown: the latest is the answer, earlier ones stay visible with their times.</summary>
public sealed record AnswerView(string Text, string By, DateTime At);

/// <summary>A council-document link beside a spearpoint's questions.</summary>
public sealed record LinkView(int SpearpointId, string Url, string Title);

/// <summary>
/// A question of a plan as stored, with who may see it: read once per change for every open screen of the plan, and
/// turned into what one reader sees by <see cref="QuestionReader.See"/>. Never shown as it is.
/// </summary>
public sealed record QuestionRow(int Id, int PlanId, int SpearpointId, string SpearpointCode, string SpearpointTitle, string? OwnerId,
    int? BriefingId, string AskedById, string AskedBy, string Text, bool NotPublic, DateTime AskedAt, bool AskedLate, DateTime? QuestionsUntil,
    DateTime? AnswerBy, DateTime? AnsweredAt, DateTime? WithdrawnAt, QuestionState State, IReadOnlyList<AnswerView> Answers, int Version)
{
    /// <summary>The question as it stood just before <paramref name="end"/> (UTC): the answers given by then, the latest one the answer.</summary>
    public QuestionRow AsOf(DateTime end)
    {
        var answers = Answers.Where(a => a.At < end).ToList();
        var answeredAt = answers.Count > 0 ? answers[0].At : (DateTime?)null;
        var withdrawnAt = WithdrawnAt < end ? WithdrawnAt : null;
        return this with { Answers = answers, AnsweredAt = answeredAt, WithdrawnAt = withdrawnAt, State = Question.StateOf(withdrawnAt, answeredAt, AnswerBy) };
    }
}

/// <summary>The plan's questions and council-document links as stored: what one change makes each instance read, once.</summary>
public sealed record PlanQuestions(int PlanId, IReadOnlyList<QuestionRow> Rows, IReadOnlyList<LinkView> Links)
{
    /// <summary>The questions as they stood at the end of the Dutch day <paramref name="peildatum"/>: those asked by then, each as it stood then.</summary>
    public PlanQuestions On(DateOnly peildatum)
    {
        var end = DashboardClock.StartOfDayUtc(peildatum.AddDays(1));
        return this with { Rows = Rows.Where(q => q.AskedAt < end).Select(q => q.AsOf(end)).ToList() };
    }
}

/// <summary>
/// A question as one reader sees it: the asker's name only for those signed in (null for an anonymous reader), and what the
/// reader may do with it.
/// </summary>
public sealed record QuestionView(int Id, int SpearpointId, string SpearpointCode, string SpearpointTitle, int? BriefingId, string? AskedBy,
    string Text, bool NotPublic, DateTime AskedAt, bool AskedLate, DateTime? AnswerBy, DateTime? WithdrawnAt, QuestionState State,
    IReadOnlyList<AnswerView> Answers, int Version, bool Mine, bool MayAnswer, bool MayWithdraw, bool OwnedByReader)
{
    public AnswerView? Answer => Answers.Count > 0 ? Answers[^1] : null;

    /// <summary>Earlier revisions of the answer, newest first.</summary>
    public IEnumerable<AnswerView> Earlier => Answers.Take(Answers.Count - 1).Reverse();
}

/// <summary>
/// Who reads a plan's questions, decided once per screen: a non-public question is seen by its asker, the plan's editors and
/// beheerders (<see cref="Team"/>, the <see cref="EditorKit"/>'s rule) and the spearpoint's owner; by nobody else, on any channel.
/// </summary>
public sealed record QuestionReader(string? UserId, bool SignedIn, bool Team, bool MayEdit, bool MayAsk)
{
    /// <summary>
    /// The reader of what is handed round: the brief, its PDF and the presentation show the public questions only, whoever
    /// prints or presents; the asker's name only when <paramref name="signedIn"/>.
    /// </summary>
    public static QuestionReader Public(bool signedIn) => new(null, signedIn, Team: false, MayEdit: false, MayAsk: false);

    public bool Owns(QuestionRow q) => MayEdit && UserId is not null && q.OwnerId == UserId;

    public bool Sees(QuestionRow q) => !q.NotPublic || Team || Owns(q) || (UserId is not null && q.AskedById == UserId);

    public IReadOnlyList<QuestionView> See(PlanQuestions questions) => questions.Rows.Where(Sees).Select(View).ToList();

    private QuestionView View(QuestionRow q)
    {
        var mine = UserId is not null && q.AskedById == UserId;
        return new QuestionView(q.Id, q.SpearpointId, q.SpearpointCode, q.SpearpointTitle, q.BriefingId, SignedIn ? q.AskedBy : null, q.Text,
            q.NotPublic, q.AskedAt, q.AskedLate, q.AnswerBy, q.WithdrawnAt, q.State, q.Answers, q.Version, mine,
            MayAnswer: q.State != QuestionState.Withdrawn && (Team || Owns(q)),
            MayWithdraw: MayAsk && mine && q.State == QuestionState.Open,
            OwnedByReader: Owns(q));
    }
}

/// <summary>A spearpoint a question can be about: an ended one is shown with its questions but takes no new ones.</summary>
public sealed record QuestionSpearpoint(int Id, string Code, string Title, bool Ended);

/// <summary>A briefing questions can be for, with its deadlines.</summary>
public sealed record QuestionBriefing(int Id, string Title, DateOnly Date, Deadlines Deadlines);

/// <summary>What a screen of a plan's questions needs: the plan, its spearpoints and briefings, the reader, and the questions as stored.</summary>
public sealed record QuestionsModel(PlanHeader Plan, IReadOnlyList<QuestionSpearpoint> Spearpoints, IReadOnlyList<QuestionBriefing> Briefings,
    QuestionReader Reader, PlanQuestions Questions)
{
    /// <summary>The questions this reader sees.</summary>
    public IReadOnlyList<QuestionView> Seen => Reader.See(Questions);
}

/// <summary>Reads technische vragen: a plan's, for one reader.</summary>
public sealed class QuestionQueries(IDbContextFactory<DashboardDbContext> dbFactory, EditorKit kit, QuestionDeadlines deadlines, DashboardClock clock)
{
    /// <summary>The plan's questions page for <paramref name="actor"/>; without a plan the current plan; null when there is no such plan.</summary>
    public async Task<QuestionsModel?> GetPageAsync(Actor actor, int? planId, CancellationToken ct = default)
    {
        PlanHeader? plan;
        List<QuestionSpearpoint> spearpoints;
        List<Briefing> briefings;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var plans = db.Plans.AsNoTracking();
            plan = planId is { } id
                ? await plans.Where(p => p.Id == id).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct)
                : await DashboardQueries.CurrentFirst(plans, clock.Today).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct);
            if (plan is null)
            {
                return null;
            }
            spearpoints = await db.Spearpoints.AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
                .Select(s => new QuestionSpearpoint(s.Id, s.Code, s.Title, s.EndedAt != null)).ToListAsync(ct);
            briefings = await db.Briefings.AsNoTracking().Where(b => b.PlanId == plan.Id).OrderBy(b => b.Date).ThenBy(b => b.Id).ToListAsync(ct);
        }
        return new QuestionsModel(plan, spearpoints,
            briefings.Select(b => new QuestionBriefing(b.Id, b.Title, b.Date, deadlines.For(b))).ToList(),
            await ReaderAsync(actor, plan.Id, ct), await ReadPlanAsync(plan.Id, ct));
    }

    public async Task<QuestionReader> ReaderAsync(Actor actor, int planId, CancellationToken ct = default) =>
        new(actor.UserId, actor.UserId is not null && !actor.IsApiKey, await kit.MayAsync(actor, Right.Edit, planId, ct), actor.MayEdit, actor.MayAsk);

    /// <summary>The plan's questions as <paramref name="actor"/> sees them, oldest first.</summary>
    public async Task<IReadOnlyList<QuestionView>> ListAsync(Actor actor, int planId, CancellationToken ct = default) =>
        (await ReaderAsync(actor, planId, ct)).See(await ReadPlanAsync(planId, ct));

    /// <summary>
    /// Open questions whose antwoord uiterlijk falls within the next working day (Dutch time) or has passed, on plans not
    /// archived, each with who answers it: the spearpoint's owner, or the plan's editors where it has no owner account.
    /// </summary>
    public async Task<IReadOnlyList<DueQuestion>> DueAsync(CancellationToken ct = default)
    {
        var before = DashboardClock.StartOfDayUtc(QuestionDeadlines.NextWorkingDay(clock.Today).AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Questions.AsNoTracking()
            .Where(q => q.AnsweredAt == null && q.WithdrawnAt == null && q.AnswerBy != null && q.AnswerBy < before
                && q.Spearpoint!.Plan!.ArchivedAt == null)
            .OrderBy(q => q.AnswerBy).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.Id, q.PlanId, q.Spearpoint!.Code, q.Spearpoint.Title, q.AskedBy, q.Text, AnswerBy = q.AnswerBy!.Value, q.Spearpoint.Plan!.IsDemo,
                q.Spearpoint.OwnerId,
                Editors = db.PlanEditors.Where(e => e.PlanId == q.PlanId).Select(e => e.UserId).ToList(),
            })
            .ToListAsync(ct);
        return due.Select(q => new DueQuestion(q.Id, q.PlanId, q.Code, q.Title, q.AskedBy, q.Text, q.AnswerBy, q.IsDemo,
            q.OwnerId is { } owner ? [owner] : q.Editors)).ToList();
    }

    /// <summary>
    /// The public questions of a briefing, withdrawn ones left out, for the brief, its PDF and the presentation: the same for
    /// everyone (<see cref="QuestionReader.Public"/>), with the asker's name for a signed-in reader (not an API key).
    /// </summary>
    public async Task<IReadOnlyList<QuestionView>> PublicOfBriefingAsync(Actor reader, int planId, int briefingId, CancellationToken ct = default) =>
        QuestionReader.Public(reader.UserId is not null && !reader.IsApiKey).See(await ReadPlanAsync(planId, ct))
            .Where(q => q.BriefingId == briefingId && q.State != QuestionState.Withdrawn).ToList();

    /// <summary>Everything stored about the plan's questions, for <see cref="QuestionReader.See"/>: one read per change.</summary>
    public async Task<PlanQuestions> ReadPlanAsync(int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var questions = await db.Questions.AsNoTracking().AsSplitQuery().Include(q => q.Answers).Include(q => q.Spearpoint)
            .Where(q => q.PlanId == planId).ToListAsync(ct);
        var links = await db.SpearpointLinks.AsNoTracking().Where(l => db.Spearpoints.Any(s => s.Id == l.SpearpointId && s.PlanId == planId))
            .OrderBy(l => l.Id).Select(l => new LinkView(l.SpearpointId, l.Url, l.Title)).ToListAsync(ct);
        var rows = questions.OrderBy(q => q.AskedAt).ThenBy(q => q.Id).Select(q => new QuestionRow(q.Id, q.PlanId, q.SpearpointId,
            q.Spearpoint!.Code, q.Spearpoint.Title, q.Spearpoint.OwnerId, q.BriefingId, q.AskedById, q.AskedBy, q.Text, q.NotPublic, q.AskedAt,
            q.AskedLate, q.QuestionsUntil, q.AnswerBy, q.AnsweredAt, q.WithdrawnAt, q.State,
            q.Answers.OrderBy(a => a.AnsweredAt).ThenBy(a => a.Id).Select(a => new AnswerView(a.Text, a.AnsweredBy, a.AnsweredAt)).ToList(),
            q.Version)).ToList();
        return new PlanQuestions(planId, rows, links);
    }
}
