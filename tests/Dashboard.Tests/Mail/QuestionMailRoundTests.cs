using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Questions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Mail;

/// <summary>
/// Technische vragen in the scheduler's daily round, through the outbox to a real SMTP server on a fake clock: the round-up of
/// answers to raadsleden who opted in (each answer once, someone else's non-public question never), and a due answer in the
/// one daily reminder of whoever answers it.
/// </summary>
[Trait("Category", Database.Category)]
public sealed class QuestionMailRoundTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private TestApp _app = null!;
    private string _ria = null!, _bas = null!, _cor = null!, _owner = null!, _editor = null!;
    private int _planId;

    // Tuesday 24 November 2026, 14:00 in the Netherlands.
    private static readonly DateTimeOffset Now = MailFixture.Dutch(2026, 11, 24, 14);
    private static DateTime At(int day, int hour) => MailFixture.Dutch(2026, 11, day, hour).UtcDateTime;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartedAsync();
        _app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(_smtp), now: Now);
        _ria = await _app.CreateUserAsync("ria@example.nl", DashboardRoles.CouncilMember, name: "Ria Raadslid");
        _bas = await _app.CreateUserAsync("bas@example.nl", DashboardRoles.CouncilMember, name: "Bas Raadslid");
        _cor = await _app.CreateUserAsync("cor@example.nl", DashboardRoles.CouncilMember, name: "Cor Raadslid");
        _owner = await _app.CreateUserAsync("olga@example.nl", DashboardRoles.Manager, name: "Olga Eigenaar", editsPlans: false);
        _editor = await _app.CreateUserAsync("eva@example.nl", DashboardRoles.Manager, name: "Eva Redacteur", editsPlans: false);
        await _app.SetAsync(_ria, u => u.ReceiveAnswerRoundUps = true);
        await _app.SetAsync(_bas, u => u.ReceiveAnswerRoundUps = true);
        // Cor never opted in: the round-up is off by default.

        var builder = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Lopend plan");
        var owned = builder.Spearpoint("SP1");
        owned.OwnerId = _owner;
        owned.OwnerRole = "Eigenaar";
        PlanBuilder.Update(owned, Status.OnTrack, At(23, 9));          // fresh: the owner's reminder has only the due answer
        var unowned = builder.Spearpoint("SP2");
        await using var db = _app.CreateDb();
        var plan = await builder.SaveAsync(db);
        _planId = plan.Id;
        db.PlanEditors.Add(new PlanEditorship { PlanId = plan.Id, UserId = _editor });
        db.Questions.AddRange(
            Asked(owned, _ria, "Ria openbaar", notPublic: false, Answer("Antwoord een", At(23, 10))),
            Asked(owned, _ria, "Ria niet openbaar", notPublic: true, Answer("Antwoord voor Ria alleen", At(23, 11))),
            Asked(owned, _bas, "Bas niet openbaar", notPublic: true, Answer("Antwoord voor Bas alleen", At(23, 12))),
            Asked(owned, _bas, "Gecorrigeerd", notPublic: false, Answer("Eerste versie", At(20, 10)), Answer("Tweede versie", At(23, 15))),
            Asked(owned, _bas, "Vandaag beantwoord", notPublic: false, Answer("Antwoord van vandaag", At(24, 10))),
            Asked(owned, _bas, "Vorige week beantwoord", notPublic: false, Answer("Oud antwoord", At(17, 10))),
            Asked(owned, _ria, "Morgen uiterlijk", notPublic: true, answerBy: At(25, 16)),
            Asked(owned, _ria, "Over twee weken", notPublic: false, answerBy: MailFixture.Dutch(2026, 12, 9, 16).UtcDateTime),
            Asked(unowned, _bas, "Al over tijd", notPublic: false, answerBy: At(23, 16)));
        await db.SaveChangesAsync();
    }

    private static QuestionAnswer Answer(string text, DateTime at) =>
        new() { Text = text, AnsweredById = "team", AnsweredBy = "Olga Eigenaar", AnsweredAt = at };

    private static Question Asked(Spearpoint s, string askerId, string text, bool notPublic, params QuestionAnswer[] answers) =>
        Asked(s, askerId, text, notPublic, null, answers);

    private static Question Asked(Spearpoint s, string askerId, string text, bool notPublic, DateTime? answerBy, params QuestionAnswer[] answers) =>
        new()
        {
            PlanId = s.PlanId, Spearpoint = s, AskedById = askerId, AskedBy = askerId, Text = text, NotPublic = notPublic, AskedAt = At(16, 9),
            AnswerBy = answerBy, AnsweredAt = answers.Length > 0 ? answers[0].AnsweredAt : null, Answers = [.. answers],
        };

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<Dictionary<string, MimeKit.MimeMessage>> SendAsync()
    {
        await _app.Get<OutboxSender>().SendDueAsync();
        return _smtp.Received.ToDictionary(m => m.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task TheRoundUp_HoldsYesterdaysAnswers_ThePublicOnesAndOnlyTheReadersOwnNonPublicOnes()
    {
        Assert.Equal(2, await _app.Get<MailScheduler>().QueueAnswerRoundUpsAsync());
        var mails = await SendAsync();

        Assert.Equal(["bas@example.nl", "ria@example.nl"], mails.Keys.Order());
        var ria = mails["ria@example.nl"];
        Assert.Equal("3 nieuwe antwoorden op technische vragen", ria.Subject);
        foreach (var body in new[] { ria.HtmlBody!, ria.TextBody! })
        {
            Assert.Contains("Antwoord een", body);
            Assert.Contains("Antwoord voor Ria alleen", body);
            Assert.Contains("Niet openbaar: alleen u en het team zien deze vraag.", body);
            Assert.Contains("Tweede versie", body);
            Assert.Contains("Gecorrigeerd antwoord", body);
            Assert.Contains($"{MailFixture.BaseUrl}/plannen/{_planId}/vragen", body);
            foreach (var absent in new[] { "Bas niet openbaar", "Antwoord voor Bas alleen", "Antwoord van vandaag", "Oud antwoord", "Eerste versie" })
            {
                Assert.DoesNotContain(absent, body);
            }
        }
        var bas = mails["bas@example.nl"];
        Assert.Contains("Antwoord voor Bas alleen", bas.TextBody);
        Assert.DoesNotContain("Ria niet openbaar", bas.TextBody);
        Assert.DoesNotContain("Antwoord voor Ria alleen", bas.HtmlBody);
        Assert.StartsWith($"<{MailFixture.BaseUrl}/afmelden/direct?token=", ria.Headers["List-Unsubscribe"]);
        Assert.Equal(new[] { $"answers:{_bas}:2026-11-24", $"answers:{_ria}:2026-11-24" }.Order(),
            (await _app.OutboxAsync()).Select(m => m.DedupKey).Order());
    }

    [Fact]
    public async Task EveryAnswer_GoesOnceAndOnlyOnce_InTheRoundUpOfTheDayAfter()
    {
        var scheduler = _app.Get<MailScheduler>();
        Assert.Equal(2, await scheduler.QueueAnswerRoundUpsAsync());
        Assert.Equal(0, await scheduler.QueueAnswerRoundUpsAsync());
        _app.Time.SetUtcNow(MailFixture.Dutch(2026, 11, 24, 23, 59));
        Assert.Equal(0, await scheduler.QueueAnswerRoundUpsAsync());
        await SendAsync();
        _smtp.Received.Clear();

        // The next Dutch day: only what was answered on the 24th.
        _app.Time.SetUtcNow(MailFixture.Dutch(2026, 11, 25, 0, 5));
        Assert.Equal(2, await scheduler.QueueAnswerRoundUpsAsync());
        Assert.Equal(0, await scheduler.QueueAnswerRoundUpsAsync());
        var mails = await SendAsync();
        var ria = mails["ria@example.nl"];
        Assert.Equal("1 nieuw antwoord op technische vragen", ria.Subject);
        Assert.Contains("Antwoord van vandaag", ria.TextBody);
        Assert.DoesNotContain("Antwoord een", ria.TextBody);

        // A day with no answers: no round-up, and the next one still starts where the last one ended.
        _app.Time.SetUtcNow(MailFixture.Dutch(2026, 11, 26, 8));
        Assert.Equal(0, await scheduler.QueueAnswerRoundUpsAsync());
    }

    [Fact]
    public async Task NoRoundUp_WithoutOptingIn_AfterOptingOut_OrInTheOtherLanguage()
    {
        await _app.SetAsync(_ria, u => u.Language = "en-GB");
        var saved = await _app.Get<MailPreferences>().SaveAsync(MailFixture.ActorFor(_bas, DashboardRoles.CouncilMember),
            new MailPreferenceValues(ReceiveReminders: true, ReceiveDigests: true, "nl-NL", ReceiveAnswerRoundUps: false));
        Assert.True(saved.Succeeded);

        Assert.Equal(1, await _app.Get<MailScheduler>().QueueAnswerRoundUpsAsync());
        var mail = Assert.Single((await SendAsync()).Values);
        Assert.Equal("ria@example.nl", mail.To.Mailboxes.Single().Address);
        Assert.Equal("3 new answers to technical questions", mail.Subject);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody);
        Assert.Contains("Corrected answer", mail.TextBody);
        Assert.DoesNotContain(await _app.OutboxAsync(), m => m.UserId == _cor || m.UserId == _bas);
    }

    [Fact]
    public async Task TheUnsubscribeLink_OfARoundUp_TurnsOffTheRoundUpOnly()
    {
        await _app.Get<MailScheduler>().QueueAnswerRoundUpsAsync();
        var message = (await _app.OutboxAsync()).Single(m => m.UserId == _ria);
        var token = _app.Get<UnsubscribeTokens>().Create(message.MessageId);
        var done = await _app.Get<MailPreferences>().UnsubscribeAsync(token, "test");
        Assert.Equal(new UnsubscribeInfo(UnsubscribeState.Done, MessageKind.AnswerRoundUp, "ria@example.nl"), done);
        var after = await _app.Get<MailPreferences>().GetAsync(_ria);
        Assert.Equal(new MailPreferenceValues(true, true, "nl-NL", ReceiveAnswerRoundUps: false), after);
    }

    [Fact]
    public async Task ADueAnswer_JoinsTheOneDailyReminder_OfTheOwner_OrOfThePlansEditorsWhereThereIsNoOwner()
    {
        var scheduler = _app.Get<MailScheduler>();
        Assert.Equal(2, await scheduler.QueueRemindersAsync());
        Assert.Equal(0, await scheduler.QueueRemindersAsync());
        var mails = await SendAsync();

        Assert.Equal(["eva@example.nl", "olga@example.nl"], mails.Keys.Order());
        var owner = mails["olga@example.nl"];
        Assert.Equal("Herinnering: 1 punt van uw speerpunten vraagt aandacht", owner.Subject);
        foreach (var body in new[] { owner.HtmlBody!, owner.TextBody! })
        {
            Assert.Contains("Technische vragen om te beantwoorden", body);
            Assert.Contains("Morgen uiterlijk", body);
            Assert.Contains("Antwoord uiterlijk 25-11-2026 16:00.", body);
            Assert.Contains($"{MailFixture.BaseUrl}/plannen/{_planId}/vragen", body);
            Assert.DoesNotContain("Over twee weken", body);
            Assert.DoesNotContain("Al over tijd", body);
        }
        var editor = mails["eva@example.nl"];
        Assert.Contains("Al over tijd", editor.TextBody);
        Assert.Contains("Over tijd: antwoord uiterlijk", editor.TextBody);
        Assert.DoesNotContain("Morgen uiterlijk", editor.TextBody);
        Assert.Equal(new[] { $"reminder:{_editor}:2026-11-24", $"reminder:{_owner}:2026-11-24" }.Order(),
            (await _app.OutboxAsync()).Select(m => m.DedupKey).Order());
    }

    [Fact]
    public async Task TheDailyRound_QueuesTheRoundUpsBesideTheReminders()
    {
        Assert.Equal(new QueueReport(2, 0, 2), await _app.Get<MailScheduler>().QueueDueAsync());
    }
}
