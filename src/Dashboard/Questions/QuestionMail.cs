using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Mail;
using Dashboard.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Questions;

/// <summary>
/// The messages of technische vragen, put into the outbox in the step's own transaction, so they go exactly when the step is
/// stored and never twice: a new question to the spearpoint's owner (to the plan's editors when it has no owner account), an
/// answer (and a correction) to the asker. Workflow messages: part of the work, as the rapportage's steps.
/// </summary>
public sealed class QuestionMail(MailComposer composer, Outbox outbox, IStringLocalizer<SharedResource> L)
{
    private sealed record Recipient(string Id, string Email, string Language);

    public async Task AskedAsync(DashboardDbContext db, Question question, Spearpoint spearpoint, CancellationToken ct)
    {
        var ids = spearpoint.OwnerId is { } owner
            ? [owner]
            : await db.PlanEditors.Where(e => e.PlanId == spearpoint.PlanId).Select(e => e.UserId).ToListAsync(ct);
        foreach (var to in await RecipientsAsync(db, ids, ct))
        {
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(to.Language);
            var subject = L["Mail.Question.Asked.Subject", spearpoint.Code, spearpoint.Title];
            var intro = new List<string> { L["Mail.Question.Asked.Intro", question.AskedBy, spearpoint.Code, spearpoint.Title], question.Text };
            if (question.AnswerBy is { } by)
            {
                intro.Add(L["Mail.Question.AnswerBy", Fmt.DateTime(by)]);
            }
            var body = await composer.QuestionAsync(to.Language, messageId, subject, intro, QuestionLinks.Page(spearpoint.PlanId), spearpoint.Plan?.IsDemo == true);
            outbox.Add(db, MessageKind.Workflow, $"question:asked:{messageId}", messageId, to.Id, to.Email, subject, body);
        }
    }

    public async Task AnsweredAsync(DashboardDbContext db, Question question, bool correction, CancellationToken ct)
    {
        var answer = question.Answers[^1];
        foreach (var to in await RecipientsAsync(db, [question.AskedById], ct))
        {
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(to.Language);
            var spearpoint = question.Spearpoint!;
            var subject = L[correction ? "Mail.Question.Corrected.Subject" : "Mail.Question.Answered.Subject", spearpoint.Code, spearpoint.Title];
            var intro = new List<string> { L["Mail.Question.Answered.Intro", answer.AnsweredBy, spearpoint.Code], question.Text, answer.Text };
            var body = await composer.QuestionAsync(to.Language, messageId, subject, intro, QuestionLinks.Page(question.PlanId), false);
            outbox.Add(db, MessageKind.Workflow, $"question:{question.Id}:answer:{question.Version}:{to.Id}", messageId, to.Id, to.Email, subject, body);
        }
    }

    private static Task<List<Recipient>> RecipientsAsync(DashboardDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !u.IsDisabled && u.Email != null)
            .OrderBy(u => u.Email).Select(u => new Recipient(u.Id, u.Email!, u.Language)).ToListAsync(ct);
}

/// <summary>The addresses of the questions' pages.</summary>
public static class QuestionLinks
{
    public static string Page(int planId) => $"plannen/{planId}/vragen";
}
