using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Questions;

/// <summary>
/// Technische vragen through the service: who may ask, answer and withdraw (the rights matrix), the deadlines and late marks,
/// the correction as a new revision, what each reader sees of a non-public question, and bad input refused with nothing stored.
/// </summary>
[Trait("Category", Database.Category)]
public class QuestionEditorTests
{
    internal static readonly Actor CouncilA = new("Ria Raadslid", new HashSet<string> { DashboardRoles.CouncilMember }, UserId: "user-ria");
    internal static readonly Actor CouncilB = new("Bas Raadslid", new HashSet<string> { DashboardRoles.CouncilMember }, UserId: "user-bas");
    internal static readonly Actor Owner = new("Olga Eigenaar", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-olga");
    internal static readonly Actor Editor = new("Eva Redacteur", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-eva");
    internal static readonly Actor OtherManager = new("Max Ander plan", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-max");
    internal static readonly Actor Admin = new("Bea Beheerder", new HashSet<string> { DashboardRoles.Admin }, UserId: "user-bea");
    internal static readonly Actor Presenter = new("Piet Presentator", new HashSet<string> { DashboardRoles.Presenter }, UserId: "user-piet");
    internal static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");

    /// <summary>Thursday 10 December 2026: questions by Friday 4 December 12:00, answers by Wednesday 9 December 16:00 (Dutch time).</summary>
    internal static readonly DateOnly Session = new(2026, 12, 10);

    internal sealed record Setup(TestApp App, int PlanId, int SpearpointId, int EndedId, int BriefingId, int OtherPlanId, int OtherSpearpointId,
        int OtherBriefingId) : IAsyncDisposable
    {
        public QuestionEditor Editor => App.Get<QuestionEditor>();
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    internal static async Task<Setup> StartAsync()
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false);
        // Made before the plans: no manager is a redacteur of them by being made.
        await app.AccountsForAsync(CouncilA, CouncilB, Owner, Editor, OtherManager, Admin, Presenter, Releaser);
        var builder = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        var sp = builder.Spearpoint("SP1");
        sp.OwnerId = Owner.UserId;
        var ended = builder.Spearpoint("SP2");
        ended.End(new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), "Opgegaan in SP1.");
        var other = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), "Ander plan");
        var otherSp = other.Spearpoint("AP1");
        await using var db = app.CreateDb();
        var plan = await builder.SaveAsync(db);
        var otherPlan = await other.SaveAsync(db);
        var briefing = new Briefing { PlanId = plan.Id, Date = Session, Title = "Bijpraatsessie december", Audience = "Raad" };
        var otherBriefing = new Briefing { PlanId = otherPlan.Id, Date = Session, Title = "Andere sessie", Audience = "Raad" };
        db.Briefings.AddRange(briefing, otherBriefing);
        db.PlanEditors.AddRange(new PlanEditorship { PlanId = plan.Id, UserId = Editor.UserId! },
            new PlanEditorship { PlanId = otherPlan.Id, UserId = OtherManager.UserId! });
        await db.SaveChangesAsync();
        return new Setup(app, plan.Id, sp.Id, ended.Id, briefing.Id, otherPlan.Id, otherSp.Id, otherBriefing.Id);
    }

    internal static async Task<int> AskAsync(Setup s, Actor? asker = null, bool notPublic = false, int? briefingId = null, string text = "Hoeveel meldingen kwamen er in november binnen?")
    {
        var result = await s.Editor.AskAsync(asker ?? CouncilA, new AskQuestionCommand(s.PlanId, s.SpearpointId, text, notPublic, briefingId));
        Assert.True(result.Succeeded, result.Message + string.Join(" ", result.FieldErrors?.Values ?? []));
        return (int)result.CreatedId!;
    }

    private static async Task<Question> StoredAsync(Setup s, int id)
    {
        await using var db = s.App.CreateDb();
        return await db.Questions.Include(q => q.Answers).AsNoTracking().SingleAsync(q => q.Id == id);
    }

    private static async Task<int> RowsAsync(Setup s)
    {
        await using var db = s.App.CreateDb();
        return await db.Questions.CountAsync() + await db.QuestionAnswers.CountAsync() + await db.Questions.CountAsync(q => q.WithdrawnAt != null)
            + await db.SpearpointLinks.CountAsync();
    }

    [Fact]
    public async Task Ask_WithoutBriefing_TakesTheNextBriefingsDeadlines_InDutchTime_IsOpen_AuditedAndMailedToTheOwner()
    {
        await using var s = await StartAsync();

        var id = await AskAsync(s);

        var q = await StoredAsync(s, id);
        Assert.Equal(QuestionState.Open, q.State);
        Assert.Null(q.BriefingId);
        Assert.Equal(new DateTime(2026, 12, 4, 11, 0, 0, DateTimeKind.Utc), q.QuestionsUntil);
        Assert.Equal(new DateTime(2026, 12, 9, 15, 0, 0, DateTimeKind.Utc), q.AnswerBy);
        Assert.False(q.AskedLate);
        Assert.Equal(("user-ria", "Ria Raadslid"), (q.AskedById, q.AskedBy));
        await using var db = s.App.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("AskQuestion", AuditResult.Success, id.ToString(), (int?)s.SpearpointId), (audit.Action, audit.Result, audit.ObjectId, audit.SpearpointId));
        var mail = await db.OutboxMessages.SingleAsync();
        Assert.Equal(("user-olga@gemeente.test", MessageKind.Workflow), (mail.To, mail.Kind));
        Assert.Contains("Hoeveel meldingen kwamen er in november binnen?", mail.TextBody);
    }

    [Fact]
    public async Task Ask_WithoutAnyComingBriefing_HasNoDeadlines()
    {
        await using var s = await StartAsync();
        s.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero));

        var q = await StoredAsync(s, await AskAsync(s));

        Assert.Equal((null, null), (q.QuestionsUntil, q.AnswerBy));
        Assert.Equal(QuestionState.Open, q.State);
    }

    [Fact]
    public async Task AskedAfterVragenTot_IsAcceptedAndMarkedLate_AnsweredAfterAntwoordUiterlijk_IsTeLaatBeantwoord()
    {
        await using var s = await StartAsync();
        s.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 11, 0, 1, TimeSpan.Zero));
        var id = await AskAsync(s, briefingId: s.BriefingId);
        Assert.True((await StoredAsync(s, id)).AskedLate);

        s.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 15, 0, 1, TimeSpan.Zero));
        var answered = await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, id, "Er kwamen 412 meldingen binnen."));

        Assert.True(answered.Succeeded, answered.Message);
        Assert.Equal(QuestionState.AnsweredLate, (await StoredAsync(s, id)).State);
    }

    [Fact]
    public async Task AnsweredOnTime_IsBeantwoord_AndTheAskerGetsTheAnswer()
    {
        await using var s = await StartAsync();
        var id = await AskAsync(s, briefingId: s.BriefingId);

        var answered = await s.Editor.AnswerAsync(Editor, new AnswerQuestionCommand(s.PlanId, id, "Er kwamen 412 meldingen binnen."));

        Assert.True(answered.Succeeded, answered.Message);
        Assert.Equal(QuestionState.Answered, (await StoredAsync(s, id)).State);
        await using var db = s.App.CreateDb();
        var mail = await db.OutboxMessages.SingleAsync(m => m.UserId == CouncilA.UserId);
        Assert.Contains("Er kwamen 412 meldingen binnen.", mail.TextBody);
    }

    [Fact]
    public async Task ACorrection_IsANewRevision_TheOldOneStaysVisibleWithItsTime_AndTheStateFollowsTheFirstAnswer()
    {
        await using var s = await StartAsync();
        var id = await AskAsync(s);
        await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, id, "Er kwamen 412 meldingen binnen."));
        var first = s.App.Time.GetUtcNow().UtcDateTime;
        s.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));

        var corrected = await s.Editor.AnswerAsync(Editor, new AnswerQuestionCommand(s.PlanId, id, "Correctie: het waren er 421."));

        Assert.True(corrected.Succeeded, corrected.Message);
        var view = Assert.Single(await s.App.Get<QuestionQueries>().ListAsync(CouncilB, s.PlanId));
        Assert.Equal("Correctie: het waren er 421.", view.Answer!.Text);
        var earlier = Assert.Single(view.Earlier);
        Assert.Equal(("Er kwamen 412 meldingen binnen.", "Olga Eigenaar", first), (earlier.Text, earlier.By, earlier.At));
        Assert.Equal(QuestionState.Answered, view.State);
        await using var db = s.App.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("AnswerQuestion", audit.Action);
        Assert.Contains("412", audit.OldValues);
        Assert.Contains("421", audit.NewValues);
    }

    public static TheoryData<string> Roles() => new(DashboardRoles.All.Append("anoniem"));

    private static Actor As(string role) => role switch
    {
        DashboardRoles.CouncilMember => CouncilA,
        DashboardRoles.Manager => Editor,
        DashboardRoles.Admin => Admin,
        DashboardRoles.Presenter => Presenter,
        DashboardRoles.Releaser => Releaser,
        _ => Actor.Anonymous,
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task OnlyARaadslidAsks_EveryoneElseIsForbidden_AuditedAndNothingStored(string role)
    {
        await using var s = await StartAsync();
        var actor = As(role);
        var before = await RowsAsync(s);

        var result = await s.Editor.AskAsync(actor, new AskQuestionCommand(s.PlanId, s.SpearpointId, "Een vraag."));

        var allowed = role == DashboardRoles.CouncilMember;
        Assert.Equal(allowed ? SaveOutcome.Saved : SaveOutcome.Forbidden, result.Outcome);
        if (!allowed)
        {
            Assert.Equal("U mag dit niet wijzigen. Er is niets opgeslagen.", result.Message);
            Assert.Equal(before, await RowsAsync(s));
            await using var db = s.App.CreateDb();
            var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((AuditResult.Forbidden, "AskQuestion"), (audit.Result, audit.Action));
        }
    }

    public static TheoryData<string> Answerers() =>
        new("owner", "editor of this plan", "beheerder", "editor of another plan", "raadslid", "presentator", "vaststeller", "anoniem");

    /// <summary>The actor of one of <see cref="Answerers"/>.</summary>
    internal static Actor Who(string who) => who switch
    {
        "owner" => Owner,
        "editor of this plan" => Editor,
        "beheerder" => Admin,
        "editor of another plan" => OtherManager,
        "raadslid" => CouncilB,
        "presentator" => Presenter,
        "vaststeller" => Releaser,
        _ => Actor.Anonymous,
    };

    [Theory]
    [MemberData(nameof(Answerers))]
    public async Task TheOwner_ThePlansEditors_AndBeheerdersAnswer_NobodyElse(string who)
    {
        await using var s = await StartAsync();
        var id = await AskAsync(s);
        var actor = Who(who);
        var before = await RowsAsync(s);

        var result = await s.Editor.AnswerAsync(actor, new AnswerQuestionCommand(s.PlanId, id, "Het antwoord."));

        var allowed = who is "owner" or "editor of this plan" or "beheerder";
        Assert.Equal(allowed ? SaveOutcome.Saved : SaveOutcome.Forbidden, result.Outcome);
        Assert.Equal(allowed ? before + 1 : before, await RowsAsync(s));
        var view = Assert.Single(await s.App.Get<QuestionQueries>().ListAsync(actor, s.PlanId));
        Assert.Equal(allowed, view.MayAnswer);
    }

    [Fact]
    public async Task Withdraw_ByTheAskerBeforeAnAnswer_OnlyByTheAsker_AndNeverAfterAnAnswer()
    {
        await using var s = await StartAsync();
        var first = await AskAsync(s);
        var second = await AskAsync(s, text: "Een tweede vraag.");

        var byOther = await s.Editor.WithdrawAsync(CouncilB, new WithdrawQuestionCommand(s.PlanId, first));
        var byAsker = await s.Editor.WithdrawAsync(CouncilA, new WithdrawQuestionCommand(s.PlanId, first));
        var answerToWithdrawn = await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, first, "Te laat."));
        await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, second, "Het antwoord."));
        var afterAnswer = await s.Editor.WithdrawAsync(CouncilA, new WithdrawQuestionCommand(s.PlanId, second));

        Assert.Equal(SaveOutcome.Forbidden, byOther.Outcome);
        Assert.True(byAsker.Succeeded, byAsker.Message);
        Assert.Equal(QuestionState.Withdrawn, (await StoredAsync(s, first)).State);
        Assert.Equal("Vraag is ingetrokken en kan niet meer worden beantwoord.", answerToWithdrawn.ErrorFor("Question"));
        Assert.Empty((await StoredAsync(s, first)).Answers);
        Assert.Equal("Vraag is al beantwoord en kan niet meer worden ingetrokken.", afterAnswer.ErrorFor("Question"));
        Assert.Equal(QuestionState.Answered, (await StoredAsync(s, second)).State);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "empty question", "Question", "Vraag is verplicht." },
        { "over-long question", "Question", "Vraag" },
        { "control character", "Question", "Vraag" },
        { "ended spearpoint", "Spearpoint", "Speerpunt is beëindigd" },
        { "archived plan", "Plan", "Plan is gearchiveerd" },
        { "spearpoint of another plan", "Spearpoint", "Speerpunt bestaat niet (meer) in dit plan." },
        { "briefing of another plan", "Briefing", "Bijpraatsessie bestaat niet (meer) in dit plan." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadQuestion_IsRefusedWithADutchMessageNamingTheField_AndNothingIsStored(string what, string field, string message)
    {
        await using var s = await StartAsync();
        if (what == "archived plan")
        {
            await using var db = s.App.CreateDb();
            await db.Plans.Where(p => p.Id == s.PlanId).ExecuteUpdateAsync(p => p.SetProperty(x => x.ArchivedAt, DateTime.UtcNow));
        }
        var cmd = new AskQuestionCommand(s.PlanId, s.SpearpointId, "Een goede vraag.");
        cmd = what switch
        {
            "empty question" => cmd with { Text = "  \n " },
            "over-long question" => cmd with { Text = new string('x', QuestionEditor.TextMax + 1) },
            "control character" => cmd with { Text = "Een vraag\u0007 met een bel." },
            "ended spearpoint" => cmd with { SpearpointId = s.EndedId },
            "spearpoint of another plan" => cmd with { SpearpointId = s.OtherSpearpointId },
            "briefing of another plan" => cmd with { BriefingId = s.OtherBriefingId },
            _ => cmd,
        };
        var before = await RowsAsync(s);

        var result = await s.Editor.AskAsync(CouncilA, cmd);

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.ErrorFor(field));
        Assert.Equal(before, await RowsAsync(s));
    }

    [Theory]
    [InlineData("", "Antwoord is verplicht.")]
    [InlineData("Een antwoord\u001b[31m in kleur.", "Antwoord")]
    public async Task BadAnswer_IsRefusedNamingTheField_AndNothingIsStored(string text, string message)
    {
        await using var s = await StartAsync();
        var id = await AskAsync(s);
        var before = await RowsAsync(s);

        var result = await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, id, text));
        var tooLong = await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.PlanId, id, new string('y', QuestionEditor.AnswerMax + 1)));
        var otherPlan = await s.Editor.AnswerAsync(Owner, new AnswerQuestionCommand(s.OtherPlanId, id, "Een antwoord."));

        Assert.StartsWith(message, result.ErrorFor("Answer"));
        Assert.StartsWith("Antwoord", tooLong.ErrorFor("Answer"));
        Assert.NotEqual(SaveOutcome.Saved, otherPlan.Outcome);
        Assert.Equal(before, await RowsAsync(s));
        Assert.Equal(QuestionState.Open, (await StoredAsync(s, id)).State);
    }

    [Fact]
    public async Task ANonPublicQuestion_IsSeenByTheAsker_TheOwner_TheEditorsAndBeheerders_NeverByAnotherRaadslidOrAnonymous()
    {
        await using var s = await StartAsync();
        await AskAsync(s, notPublic: true, text: "Vertrouwelijk: hoe staat het met de vacatures?");
        await AskAsync(s, text: "Openbaar: hoeveel handhavers zijn er?");
        var queries = s.App.Get<QuestionQueries>();

        async Task<string[]> SeenBy(Actor a) => (await queries.ListAsync(a, s.PlanId)).Select(v => v.Text.Split(':')[0]).ToArray();

        Assert.Equal(["Vertrouwelijk", "Openbaar"], await SeenBy(CouncilA));
        Assert.Equal(["Vertrouwelijk", "Openbaar"], await SeenBy(Owner));
        Assert.Equal(["Vertrouwelijk", "Openbaar"], await SeenBy(Editor));
        Assert.Equal(["Vertrouwelijk", "Openbaar"], await SeenBy(Admin));
        Assert.Equal(["Openbaar"], await SeenBy(CouncilB));
        Assert.Equal(["Openbaar"], await SeenBy(OtherManager));
        Assert.Equal(["Openbaar"], await SeenBy(Presenter));
        var anonymous = Assert.Single(await queries.ListAsync(Actor.Anonymous, s.PlanId));
        Assert.Null(anonymous.AskedBy);
        Assert.Equal("Ria Raadslid", (await queries.ListAsync(CouncilB, s.PlanId)).Single().AskedBy);
    }

    [Fact]
    public async Task AQuestion_ReachesTheOpenScreensOfThePlan_WithOneReadForAll()
    {
        await using var s = await StartAsync();
        var live = s.App.Get<LiveUpdates>();
        var first = new TaskCompletionSource<PlanQuestions>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<PlanQuestions>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = live.SubscribeQuestions(s.PlanId, q => { first.TrySetResult(q); return Task.CompletedTask; });
        using var b = live.SubscribeQuestions(s.PlanId, q => { second.TrySetResult(q); return Task.CompletedTask; });
        var reads = live.Reads;

        await AskAsync(s, notPublic: true);

        var seen = await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(seen.Rows);
        Assert.Equal(reads + 1, live.Reads);
        var reader = await s.App.Get<QuestionQueries>().ReaderAsync(CouncilB, s.PlanId);
        Assert.Empty(reader.See(seen));
    }

    [Fact]
    public async Task ACouncilDocumentLink_IsAnHttpsAddressAddedByThePlansEditors()
    {
        await using var s = await StartAsync();
        var editor = s.Editor;

        var added = await editor.AddLinkAsync(Editor, new AddSpearpointLinkCommand(s.PlanId, s.SpearpointId, "https://leiderdorp.notubiz.nl/document/123", "Raadsvoorstel handhaving"));
        var http = await editor.AddLinkAsync(Editor, new AddSpearpointLinkCommand(s.PlanId, s.SpearpointId, "javascript:alert(1)", "Kwaad"));
        var byOwner = await editor.AddLinkAsync(Owner, new AddSpearpointLinkCommand(s.PlanId, s.SpearpointId, "https://ori.example/1", "Document"));
        var byCouncil = await editor.AddLinkAsync(CouncilA, new AddSpearpointLinkCommand(s.PlanId, s.SpearpointId, "https://ori.example/1", "Document"));

        Assert.True(added.Succeeded, added.Message);
        Assert.StartsWith("Adres moet een volledig https-adres zijn", http.ErrorFor("Url"));
        Assert.Equal(SaveOutcome.Forbidden, byOwner.Outcome);
        Assert.Equal(SaveOutcome.Forbidden, byCouncil.Outcome);
        var link = Assert.Single((await s.App.Get<QuestionQueries>().ReadPlanAsync(s.PlanId)).Links);
        Assert.Equal(("https://leiderdorp.notubiz.nl/document/123", "Raadsvoorstel handhaving"), (link.Url, link.Title));
    }

    [Theory]
    [InlineData("2026-12-10", 4, "2026-12-04")]
    [InlineData("2026-12-10", 1, "2026-12-09")]
    [InlineData("2026-12-14", 1, "2026-12-11")]
    [InlineData("2026-12-14", 4, "2026-12-08")]
    public void WorkingDaysBefore_SkipsTheWeekend(string session, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), QuestionDeadlines.WorkingDaysBefore(DateOnly.Parse(session), days));

    [Fact]
    public void ADeadlineInSummer_IsDutchSummerTime()
    {
        Assert.Equal(new DateTime(2026, 6, 5, 10, 0, 0, DateTimeKind.Utc), QuestionDeadlines.AtUtc(new DateOnly(2026, 6, 5), new TimeOnly(12, 0)));
    }
}
