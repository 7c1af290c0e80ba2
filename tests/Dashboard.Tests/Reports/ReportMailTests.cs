using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Reports;
using Dashboard.Tests.Mail;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Reports;

/// <summary>
/// The messages of a rapportage's steps, through the outbox in the step's own transaction: handed in to the vaststellers,
/// sent back and released to the preparer, released to the council members who want it with its stored PDF; each once.
/// </summary>
public sealed class ReportMailTests
{
    private static readonly DateOnly EndOf2022 = new(2022, 12, 31);

    private sealed record People(Actor Preparer, string PreparerId, Actor Releaser, string ReleaserId, string OtherReleaserId,
        string DisabledReleaserId, string AdminId, string ReaderId, string OptedOutReaderId);

    private static async Task<People> PeopleAsync(TestApp app, bool releasers = true)
    {
        var preparer = await app.CreateUserAsync("anna@example.nl", DashboardRoles.Manager, name: "Anna Opsteller");
        var releaser = releasers ? await app.CreateUserAsync("vera@example.nl", DashboardRoles.Releaser, name: "Vera Vaststeller") : "";
        var other = releasers ? await app.CreateUserAsync("otto@example.nl", DashboardRoles.Releaser, name: "Otto Vaststeller") : "";
        var disabled = releasers ? await app.CreateUserAsync("oud@example.nl", DashboardRoles.Releaser) : "";
        if (releasers)
        {
            await app.SetAsync(disabled, u => u.IsDisabled = true);
        }
        var admin = await app.CreateUserAsync("beheer@example.nl", DashboardRoles.Admin, name: "Bea Beheer");
        var reader = await app.CreateUserAsync("raadslid@example.nl", DashboardRoles.CouncilMember, name: "Raadslid");
        var optedOut = await app.CreateUserAsync("geen-overzicht@example.nl", DashboardRoles.CouncilMember);
        await app.SetAsync(optedOut, u => u.ReceiveDigests = false);
        return new People(MailFixture.ActorFor(preparer, DashboardRoles.Manager, "Anna Opsteller"), preparer,
            MailFixture.ActorFor(releaser, DashboardRoles.Releaser, "Vera Vaststeller"), releaser, other, disabled, admin, reader, optedOut);
    }

    private static async Task<int> PlanAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.Plans.Select(p => p.Id).SingleAsync();
    }

    private static async Task<(int Id, int Version)> HandedInAsync(TestApp app, int plan, Actor preparer, int? briefingId = null)
    {
        var editor = app.Get<ReportEditor>();
        var created = await editor.CreateAsync(preparer, new CreateReportCommand(plan, EndOf2022, "Het team ligt op koers.", briefingId));
        Assert.True(created.Succeeded, created.Message);
        var submitted = await editor.SubmitAsync(preparer, new ReportStepCommand(plan, (int)created.CreatedId!, created.Version!.Value));
        Assert.True(submitted.Succeeded, submitted.Message);
        return ((int)created.CreatedId!, submitted.Version!.Value);
    }

    private static Dictionary<string, string?> NoChromium(SmtpTestServer smtp) => MailFixture.Settings(smtp, ("Dashboard:ChromiumPath", "/nonexistent"));

    [Fact, Trait("Category", Database.Category)]
    public async Task HandingIn_TellsEachEnabledVaststeller_WithTheLink_Once()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: NoChromium(smtp));
        var people = await PeopleAsync(app);

        var (id, version) = await HandedInAsync(app, await PlanAsync(app), people.Preparer);

        var queued = await app.OutboxAsync();
        Assert.Equal(new[] { people.ReleaserId, people.OtherReleaserId }.Order(), queued.Select(m => m.UserId!).Order());
        Assert.All(queued, m =>
        {
            Assert.Equal(MessageKind.Workflow, m.Kind);
            Assert.Equal(ReportMail.StepKey(id, version, m.UserId!), m.DedupKey);
        });
        Assert.Equal(2, (await app.Get<OutboxSender>().SendDueAsync()).Sent);
        Assert.Equal(0, (await app.Get<OutboxSender>().SendDueAsync()).Sent);
        Assert.Equal(2, smtp.Received.Count);
        foreach (var mail in smtp.Received)
        {
            Assert.StartsWith("Rapportage ter vaststelling", mail.Subject);
            Assert.Contains("31 december 2022", mail.Subject);
            Assert.Contains($"{MailFixture.BaseUrl}/rapportages/{id}", mail.HtmlBody);
            Assert.Contains($"{MailFixture.BaseUrl}/rapportages/{id}", mail.TextBody);
            Assert.Contains("Anna Opsteller heeft de rapportage", mail.TextBody);
            // Part of the work: no unsubscribe link or header.
            Assert.False(mail.Headers.Contains("List-Unsubscribe"));
            Assert.DoesNotContain("/afmelden", mail.HtmlBody);
        }
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task HandingIn_WithoutAVaststeller_TellsTheBeheerders_ButNotOneWhoChangedIt()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: NoChromium(smtp));
        var people = await PeopleAsync(app, releasers: false);
        var author = await app.CreateUserAsync("beheer-twee@example.nl", DashboardRoles.Admin, name: "Beheerder die schreef");
        var plan = await PlanAsync(app);
        var editor = app.Get<ReportEditor>();
        var created = await editor.CreateAsync(people.Preparer, new CreateReportCommand(plan, EndOf2022, "Eerste tekst."));
        var edited = await editor.EditAsync(MailFixture.ActorFor(author, DashboardRoles.Admin, "Beheerder die schreef"),
            new EditReportCommand(plan, (int)created.CreatedId!, created.Version!.Value, EndOf2022, "Tweede tekst.", null));
        Assert.True(edited.Succeeded, edited.Message);

        var submitted = await editor.SubmitAsync(people.Preparer, new ReportStepCommand(plan, (int)created.CreatedId!, edited.Version!.Value));

        Assert.True(submitted.Succeeded, submitted.Message);
        var message = Assert.Single(await app.OutboxAsync());
        Assert.Equal(people.AdminId, message.UserId);
        Assert.Equal("beheer@example.nl", message.To);
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task SendingBack_TellsThePreparerWhy_AndHandingInAgain_TellsTheVaststellersAgain()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: NoChromium(smtp));
        var people = await PeopleAsync(app);
        var plan = await PlanAsync(app);
        var (id, version) = await HandedInAsync(app, plan, people.Preparer);
        var editor = app.Get<ReportEditor>();

        var back = await editor.SendBackAsync(people.Releaser, new SendBackReportCommand(plan, id, version, "De cijfers van SP2 <kloppen> niet."));

        Assert.True(back.Succeeded, back.Message);
        var toPreparer = Assert.Single(await app.OutboxAsync(), m => m.UserId == people.PreparerId);
        Assert.Equal(ReportMail.StepKey(id, back.Version!.Value, people.PreparerId), toPreparer.DedupKey);
        Assert.StartsWith("Rapportage teruggestuurd", toPreparer.Subject);
        Assert.Contains("Reden: De cijfers van SP2 <kloppen> niet.", toPreparer.TextBody);
        Assert.Contains("De cijfers van SP2 &lt;kloppen&gt; niet.", toPreparer.HtmlBody);
        Assert.Contains("Vera Vaststeller heeft de rapportage", toPreparer.TextBody);

        var again = await editor.SubmitAsync(people.Preparer, new ReportStepCommand(plan, id, back.Version!.Value));
        Assert.True(again.Succeeded, again.Message);
        Assert.Equal(2, (await app.OutboxAsync()).Count(m => m.UserId == people.ReleaserId));
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task Releasing_TellsThePreparer_AndQueuesTheRapportageForTheCouncilMembersWhoWantIt()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: NoChromium(smtp));
        var people = await PeopleAsync(app);
        var plan = await PlanAsync(app);
        var (id, version) = await HandedInAsync(app, plan, people.Preparer);
        var before = (await app.OutboxAsync()).Count;

        var released = await app.Get<ReportEditor>().ReleaseAsync(people.Releaser, new ReportStepCommand(plan, id, version));

        Assert.True(released.Succeeded, released.Message);
        var queued = (await app.OutboxAsync()).Skip(before).ToList();
        Assert.Equal(new[] { people.PreparerId, people.ReaderId }.Order(), queued.Select(m => m.UserId!).Order());
        var toPreparer = queued.Single(m => m.UserId == people.PreparerId);
        Assert.Equal(MessageKind.Workflow, toPreparer.Kind);
        Assert.StartsWith("Rapportage vastgesteld", toPreparer.Subject);
        var toReader = queued.Single(m => m.UserId == people.ReaderId);
        Assert.Equal((MessageKind.Digest, id, ReportMail.CouncilKey(id, people.ReaderId)), (toReader.Kind, toReader.AttachmentReportId, toReader.DedupKey));
        Assert.StartsWith("Vastgestelde rapportage", toReader.Subject);
        Assert.Contains("is vastgesteld door Vera Vaststeller", toReader.TextBody);
        Assert.Contains("Samenvatting: Het team ligt op koers.", toReader.TextBody);
        Assert.Contains($"{MailFixture.BaseUrl}/rapportages/{id}/pdf", toReader.TextBody);

        await app.Get<OutboxSender>().SendDueAsync();
        var council = Assert.Single(smtp.Received, m => m.To.Mailboxes.Single().Address == "raadslid@example.nl");
        Assert.True(council.Headers.Contains("List-Unsubscribe"));
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task ARapportageThatIsABriefingsBrief_IsThatBriefingsDigest_ForWhoeverGotIt()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        // The digest day of the February briefing.
        await using var app = await TestApp.InMemoryAsync(settings: NoChromium(smtp), now: MailFixture.Dutch(2023, 2, 11, 8));
        var people = await PeopleAsync(app);
        var plan = await PlanAsync(app);
        var briefing = await app.IdAsync(DemoBriefings.February);
        var (id, version) = await HandedInAsync(app, plan, people.Preparer, briefing);
        Assert.True((await app.Get<ReportEditor>().ReleaseAsync(people.Releaser, new ReportStepCommand(plan, id, version))).Succeeded);
        var toReader = Assert.Single(await app.OutboxAsync(), m => m.UserId == people.ReaderId);
        Assert.Contains("Zij is de brief voor de bijpraatsessie", toReader.TextBody);
        var later = await app.CreateUserAsync("nieuw-raadslid@example.nl", DashboardRoles.CouncilMember);

        var digests = await app.Get<MailScheduler>().QueueDigestsAsync();

        // Only the council member who joined after the release gets the briefing's digest; the other got the rapportage.
        Assert.Equal(1, digests);
        Assert.Single(await app.OutboxAsync(), m => m.UserId == people.ReaderId);
        Assert.Single(await app.OutboxAsync(), m => m.DedupKey == MailScheduler.DigestKey(briefing, later));
    }

    [Fact, Trait("Category", Database.ProcessCategory)]
    public async Task TheCouncilsMessage_CarriesTheStoredPdf()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp));
        var people = await PeopleAsync(app);
        var plan = await PlanAsync(app);
        var (id, version) = await HandedInAsync(app, plan, people.Preparer);
        Assert.True((await app.Get<ReportEditor>().ReleaseAsync(people.Releaser, new ReportStepCommand(plan, id, version))).Succeeded);

        await app.Get<OutboxSender>().SendDueAsync();

        var mail = Assert.Single(smtp.Received, m => m.To.Mailboxes.Single().Address == "raadslid@example.nl");
        var pdf = mail.Attachments.OfType<MimePart>().FirstOrDefault(a => a.ContentType.MimeType == "application/pdf");
        if (!app.Get<ChromiumPdf>().IsAvailable)
        {
            Assert.False(Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1", "Chromium not found; the PDF attachment is required.");
            Assert.Null(pdf);
            return;
        }
        Assert.NotNull(pdf);
        Assert.Equal("rapportage-2022-12-31.pdf", pdf.FileName);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        await using var db = app.CreateDb();
        Assert.Equal(await db.ReportPdfs.Where(p => p.ReportId == id).Select(p => p.Content).SingleAsync(), content.ToArray());
        Assert.Contains("De rapportage zit als PDF bij dit bericht", mail.TextBody);
    }
}
