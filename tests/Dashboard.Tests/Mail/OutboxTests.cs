using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Mail;

/// <summary>Nothing lost, nothing doubled: refused connections, refusals, a sender cut off mid-send or killed, two senders.</summary>
[Trait("Category", Database.Category)]
public sealed class OutboxTests
{
    private static async Task<List<long>> QueueTestsAsync(TestApp app, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await app.Get<MailScheduler>().QueueTestAsync($"lezer{i}@example.nl", "test")).Id);
        }
        return ids;
    }

    private static void AssertEachOnce(SmtpTestServer smtp, IEnumerable<OutboxMessage> outbox)
    {
        var counts = smtp.CountsByMessageId();
        Assert.All(outbox, m => Assert.Equal(1, counts.GetValueOrDefault(m.MessageId)));
        Assert.Equal(outbox.Count(), smtp.Received.Count);
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task ARefusedConnection_IsRetriedWithBackOff_AndEveryMessageArrivesOnce()
    {
        await using var smtp = SmtpTestServer.Create(); // nothing listens yet
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp,
            ("Mail:Password", "geheim-wachtwoord-123")));
        await QueueTestsAsync(app, 3);
        var sender = app.Get<OutboxSender>();

        Assert.Equal(new SendReport(0, 3, 0), await sender.SendDueAsync());
        var waiting = await app.OutboxAsync();
        Assert.All(waiting, m =>
        {
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.SentAt);
            Assert.NotNull(m.LastError);
            Assert.DoesNotContain("geheim-wachtwoord-123", m.LastError);
            Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddSeconds(60), m.NextAttemptAt);
        });

        await smtp.StartAsync();
        // Not due yet: the back-off holds.
        Assert.Equal(new SendReport(0, 0, 0), await sender.SendDueAsync());
        app.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(new SendReport(3, 0, 0), await sender.SendDueAsync());
        AssertEachOnce(smtp, await app.OutboxAsync());
        Assert.Equal(new SendReport(0, 0, 0), await sender.SendDueAsync());
        Assert.Equal(3, smtp.Received.Count);
    }

    [Fact]
    public async Task TheBackOffDoubles_AndAfterTheLastAttemptTheMessageFails_UntilABeheerderTriesAgain()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        smtp.Mode = SmtpTestServer.Behaviour.Refuse;
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp, ("Mail:MaxAttempts", "3")));
        var id = Assert.Single(await QueueTestsAsync(app, 1));
        var sender = app.Get<OutboxSender>();
        Assert.Equal(TimeSpan.FromSeconds(60), sender.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(120), sender.Backoff(2));

        Assert.Equal(new SendReport(0, 1, 0), await sender.SendDueAsync());
        app.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new SendReport(0, 1, 0), await sender.SendDueAsync());
        app.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(new SendReport(0, 0, 0), await sender.SendDueAsync());
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new SendReport(0, 0, 1), await sender.SendDueAsync());
        var failed = Assert.Single(await app.OutboxAsync());
        Assert.NotNull(failed.FailedAt);
        Assert.Equal(3, failed.Attempts);
        Assert.Contains("try again later", failed.LastError);

        var admin = app.Get<OutboxAdmin>();
        var manager = await app.CreateUserAsync("manager@example.nl", DashboardRoles.Manager);
        Assert.Null(await admin.GetAsync(MailFixture.ActorFor(manager, DashboardRoles.Manager)));
        Assert.Equal(SaveOutcome.Forbidden, (await admin.RetryAsync(MailFixture.ActorFor(manager, DashboardRoles.Manager), id)).Outcome);
        var overview = await admin.GetAsync(Actors.Admin);
        Assert.Equal((0, 0, 1), (overview!.Queued, overview.Sent, overview.Failed));
        Assert.Equal(OutboxState.Failed, Assert.Single(overview.Latest).State);

        smtp.Mode = SmtpTestServer.Behaviour.Accept;
        Assert.True((await admin.RetryAsync(Actors.Admin, id)).Succeeded);
        Assert.Equal(new SendReport(1, 0, 0), await sender.SendDueAsync());
        AssertEachOnce(smtp, await app.OutboxAsync());

        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.Where(a => a.Action == "mail.retry").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditResult.Forbidden, AuditResult.Success], audit.Select(a => a.Result));
    }

    [Fact]
    public async Task ASenderCutOffMidSend_LeavesTheMessageQueued_AndItIsSentOnceLater()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        smtp.Mode = SmtpTestServer.Behaviour.Hang;
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp));
        await QueueTestsAsync(app, 2);
        var sender = app.Get<OutboxSender>();

        using var stop = new CancellationTokenSource();
        var sending = sender.SendDueAsync(stop.Token);
        await smtp.Entered.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        smtp.Release();
        Assert.Empty(smtp.Received);
        Assert.All(await app.OutboxAsync(), m => Assert.Null(m.SentAt));

        smtp.Mode = SmtpTestServer.Behaviour.Accept;
        Assert.Equal(new SendReport(2, 0, 0), await sender.SendDueAsync());
        AssertEachOnce(smtp, await app.OutboxAsync());
    }

    [Fact]
    public async Task AMessageClaimedByASenderThatDied_IsSentAfterTheClaimRunsOut_WithTheSameMessageId()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp));
        var id = Assert.Single(await QueueTestsAsync(app, 1));
        // What a crashed sender leaves behind: the claim taken, nothing recorded after it.
        await using (var db = app.CreateDb())
        {
            var lease = app.Time.GetUtcNow().UtcDateTime + OutboxSender.ClaimLease;
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 1).SetProperty(m => m.NextAttemptAt, lease));
        }
        var sender = app.Get<OutboxSender>();
        Assert.Equal(new SendReport(0, 0, 0), await sender.SendDueAsync());
        app.Time.Advance(OutboxSender.ClaimLease);
        Assert.Equal(new SendReport(1, 0, 0), await sender.SendDueAsync());
        var message = Assert.Single(await app.OutboxAsync());
        Assert.Equal(message.MessageId, Assert.Single(smtp.Received).MessageId);
        Assert.Equal(2, message.Attempts);
    }

    [Fact]
    public async Task TwoSendersAtOnce_NeverSendTheSameMessage()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.FileAsync(seedDemo: false, settings: MailFixture.Settings(smtp));
        await QueueTestsAsync(app, 12);
        // A second instance: its own services on the same database.
        await using var other = await app.SecondInstanceAsync(MailFixture.Settings(smtp), app.Time.GetUtcNow());

        var reports = await Task.WhenAll(
            Task.Run(() => app.Get<OutboxSender>().SendDueAsync()),
            Task.Run(() => other.Get<OutboxSender>().SendDueAsync()));
        Assert.Equal(12, reports.Sum(r => r.Sent));
        AssertEachOnce(smtp, await app.OutboxAsync());
    }

    [Fact]
    public async Task TheBackgroundSender_RunsOnTheInjectedClock()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp, ("Mail:PollSeconds", "300")));
        await QueueTestsAsync(app, 1);
        var background = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OutboxBackground>(app.Services);
        await background.StartAsync(default);
        try
        {
            await WaitForAsync(() => smtp.Received.Count == 1);
            // Let the first round finish (it marks the message sent and finds nothing more), then queue the next.
            for (var i = 0; i < 100 && (await app.OutboxAsync()).Any(m => m.SentAt is null); i++)
            {
                await Task.Delay(50);
            }
            await Task.Delay(500);
            await QueueTestsAsync(app, 1);
            await Task.Delay(300);
            Assert.Single(smtp.Received); // the next round waits for the clock
            app.Time.Advance(TimeSpan.FromSeconds(300));
            await WaitForAsync(() => smtp.Received.Count == 2);
            // The server has the message before the sender marks it sent: let that round finish too before stopping it.
            for (var i = 0; i < 100 && (await app.OutboxAsync()).Any(m => m.SentAt is null); i++)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await background.StopAsync(default);
        }
        AssertEachOnce(smtp, await app.OutboxAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task WithoutAHost_MessagesAreWrittenAsEmlFiles_OnePerMessageId()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-mail-").FullName;
        try
        {
            await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: new Dictionary<string, string?> { ["Mail:Folder"] = folder });
            Assert.IsType<EmlFolderTransport>(app.Get<IMailTransport>());
            var queued = await app.Get<MailScheduler>().QueueTestAsync("lezer@example.nl", "eml");
            Assert.Equal(new SendReport(1, 0, 0), await app.Get<OutboxSender>().SendDueAsync());

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var mail = await MimeMessage.LoadAsync(file);
            Assert.Equal(queued.MessageId, mail.MessageId);
            Assert.Equal("Testbericht van het voortgangsdashboard", mail.Subject);
            Assert.Equal("lezer@example.nl", Assert.Single(mail.To.Mailboxes).Address);
            Assert.Contains("Dit bericht laat zien dat het voortgangsdashboard e-mail kan versturen.", mail.TextBody);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

            // The same message again (a retry after a crash) replaces its file.
            using var again = await app.Get<OutboxSender>().ToMimeAsync(queued, default);
            await app.Get<IMailTransport>().SendAsync(again, default);
            Assert.Single(Directory.GetFiles(folder, "*.eml"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
