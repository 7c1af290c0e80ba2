using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Questions;

/// <summary>
/// Technische vragen: a raadslid asks about a spearpoint (Vraag stellen) and may withdraw the question until it is answered;
/// the spearpoint's owner or the plan's editors answer (Beantwoorden, <see cref="Right.Edit"/> through the
/// <see cref="EditorKit"/>: the redacteuren, the beheerders and the owner of the spearpoint), and a correction is a new
/// revision that keeps the earlier ones. Every step is audited and signalled to the open screens of the plan's questions.
/// </summary>
public sealed class QuestionEditor(EditorKit kit, QuestionDeadlines deadlines, QuestionMail mail)
{
    public const int TextMax = 2000;
    public const int AnswerMax = 4000;
    public const int LinkTitleMax = 200;
    public const int UrlMax = 2000;
    private const string Type = nameof(Question);

    private static readonly Records<Question> Questions =
        new("Question", (db, plan, id) => db.Questions.Include(q => q.Answers).Include(q => q.Spearpoint)
            .Where(q => q.Id == id && q.PlanId == plan))
        {
            SpearpointOf = q => q.SpearpointId,
            Current = CurrentAsync,
        };

    public Task<SaveResult> AskAsync(Actor actor, AskQuestionCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AskQuestion", Type, null, cmd, cmd.SpearpointId), Right.Ask,
            Records.Spearpoints.In(cmd.PlanId, cmd.SpearpointId), null, async (db, spearpoint, errors) =>
            {
                if (spearpoint.Plan!.ArchivedAt is not null)
                {
                    errors.Add("Plan", kit.L["Validation.PlanArchived", errors.Label("Plan")]);
                }
                errors.Ended("Spearpoint", spearpoint.EndedAt);
                var text = errors.Text("Question", cmd.Text, TextMax, required: true, multiline: true);
                Briefing? briefing;
                if (cmd.BriefingId is { } briefingId)
                {
                    briefing = await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == briefingId && b.PlanId == spearpoint.PlanId, ct);
                    if (briefing is null)
                    {
                        errors.Add("Briefing", kit.L["Validation.NotInPlan", errors.Label("Briefing")]);
                    }
                }
                else
                {
                    briefing = await deadlines.NextBriefingAsync(db, spearpoint.PlanId, ct);
                }
                if (errors.Any)
                {
                    return null;
                }
                var due = briefing is null ? null : deadlines.For(briefing);
                var question = new Question
                {
                    PlanId = spearpoint.PlanId,
                    SpearpointId = spearpoint.Id,
                    BriefingId = cmd.BriefingId,
                    AskedById = AuthorId(actor),
                    AskedBy = actor.Name,
                    Text = text!,
                    NotPublic = cmd.NotPublic,
                    AskedAt = kit.Clock.UtcNow,
                    QuestionsUntil = due?.QuestionsUntil,
                    AnswerBy = due?.AnswersBy,
                };
                await mail.AskedAsync(db, question, spearpoint, ct);
                return new Audited(null, Snapshot(question))
                {
                    Added = question,
                    Named = () => (question.Id, spearpoint.Id),
                    Tell = () => [Change.OfQuestions(spearpoint.PlanId)],
                    Answer = () => kit.Saved(question.Version, question.Id),
                };
            }, ct);

    /// <summary>Beantwoorden, or a correction: a new revision of the answer; the first one decides Beantwoord or Te laat beantwoord.</summary>
    public Task<SaveResult> AnswerAsync(Actor actor, AnswerQuestionCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AnswerQuestion", Type, cmd.QuestionId, cmd), Right.Edit, Questions.In(cmd.PlanId, cmd.QuestionId),
            cmd.ExpectedVersion, async (db, question, errors) =>
            {
                if (question.WithdrawnAt is not null)
                {
                    errors.Add("Question", kit.L["Validation.QuestionWithdrawn", errors.Label("Question")]);
                }
                var text = errors.Text("Answer", cmd.Text, AnswerMax, required: true, multiline: true);
                if (errors.Any)
                {
                    return null;
                }
                var before = question.Answers.OrderBy(a => a.AnsweredAt).LastOrDefault()?.Text;
                var now = kit.Clock.UtcNow;
                question.Answers.Add(new QuestionAnswer
                {
                    QuestionId = question.Id, Text = text!, AnsweredById = AuthorId(actor), AnsweredBy = actor.Name, AnsweredAt = now,
                });
                question.AnsweredAt ??= now;
                question.Version++;
                await mail.AnsweredAsync(db, question, before is not null, ct);
                return new Audited(new { Answer = before }, new { Answer = text, question.State })
                {
                    Tell = () => [Change.OfQuestions(question.PlanId)],
                };
            }, ct);

    /// <summary>Intrekken: only the asker, only before an answer.</summary>
    public async Task<SaveResult> WithdrawAsync(Actor actor, WithdrawQuestionCommand cmd, CancellationToken ct = default)
    {
        var write = new Write(actor, "WithdrawQuestion", Type, cmd.QuestionId, cmd);
        if (EditorKit.May(actor, Right.Ask, cmd.PlanId) && !await AskedByAsync(actor, cmd.QuestionId, ct))
        {
            return await kit.ForbiddenAsync(write, ct);
        }
        return await kit.ChangeAsync(write, Right.Ask, Questions.In(cmd.PlanId, cmd.QuestionId), cmd.ExpectedVersion, (db, question, errors) =>
        {
            if (question.WithdrawnAt is not null)
            {
                errors.Add("Question", kit.L["Validation.QuestionWithdrawn", errors.Label("Question")]);
            }
            else if (question.AnsweredAt is not null)
            {
                errors.Add("Question", kit.L["Validation.QuestionAnswered", errors.Label("Question")]);
            }
            if (errors.Any)
            {
                return null;
            }
            question.WithdrawnAt = kit.Clock.UtcNow;
            question.Version++;
            return new Audited(new { State = QuestionState.Open }, new { question.State })
            {
                Tell = () => [Change.OfQuestions(question.PlanId)],
            };
        }, ct);
    }

    /// <summary>Whether a page offers <see cref="AddLinkAsync"/> to <paramref name="actor"/>: a courtesy, the write decides again.</summary>
    public Task<bool> OffersLinkAsync(Actor actor, int planId, CancellationToken ct = default) => kit.MayAsync(actor, Right.SetUpPlans, planId, ct);

    /// <summary>A link to a council document beside a spearpoint's questions: the plan's editors add it (not the owner alone).</summary>
    public Task<SaveResult> AddLinkAsync(Actor actor, AddSpearpointLinkCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddSpearpointLink", nameof(SpearpointLink), null, cmd, cmd.SpearpointId), Right.SetUpPlans,
            Records.Spearpoints.In(cmd.PlanId, cmd.SpearpointId), null, (db, spearpoint, errors) =>
            {
                var url = errors.Text("Url", cmd.Url, UrlMax, required: true);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0))
                {
                    errors.Add("Url", kit.L["Validation.HttpsUrl", errors.Label("Url")]);
                }
                var title = errors.Text("LinkTitle", cmd.Title, LinkTitleMax, required: true);
                if (errors.Any)
                {
                    return null;
                }
                var link = new SpearpointLink { SpearpointId = spearpoint.Id, Url = url!, Title = title!, AddedBy = actor.Name, AddedAt = kit.Clock.UtcNow };
                return new Audited(null, new { link.Url, link.Title })
                {
                    Added = link,
                    Named = () => (link.Id, spearpoint.Id),
                    Tell = () => [Change.OfQuestions(spearpoint.PlanId)],
                    Answer = () => kit.Saved(createdId: link.Id),
                };
            }, ct);

    private async Task<bool> AskedByAsync(Actor actor, int questionId, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var asker = AuthorId(actor);
        // A question that does not exist is the kit's to refuse (naming the field); only another's own is forbidden here.
        return !await db.Questions.AnyAsync(q => q.Id == questionId, ct) || await db.Questions.AnyAsync(q => q.Id == questionId && q.AskedById == asker, ct);
    }

    /// <summary>Who did it: the account, or for a command-line actor without one its name.</summary>
    private static string AuthorId(Actor actor) => actor.UserId ?? actor.AuditName;

    private static async Task<(string Details, int Version)> CurrentAsync(DashboardDbContext db, IStringLocalizer l, int id, CancellationToken ct)
    {
        var current = await db.Questions.Include(q => q.Answers).AsNoTracking().FirstAsync(q => q.Id == id, ct);
        return (l["Conflict.Question", l[$"Question.State.{current.State}"]], current.Version);
    }

    private static object Snapshot(Question q) => new { q.SpearpointId, q.BriefingId, q.Text, q.NotPublic, q.QuestionsUntil, q.AnswerBy, q.AskedLate };
}
