using System.Web;
using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Mail;

/// <summary>The one-click unsubscribe of a message (once, audited, the preference off) and the Meldingen preferences.</summary>
[Trait("Category", Database.Category)]
public sealed class UnsubscribeTests
{
    private static readonly DateTimeOffset DigestDay = MailFixture.Dutch(2023, 2, 11, 8);

    private static string TokenOf(string url) =>
        HttpUtility.ParseQueryString(new Uri(url.Trim('<', '>')).Query)["token"] ?? throw new InvalidOperationException(url);

    [Fact]
    public async Task TheLinkInTheHeaders_TurnsTheDigestOff_Once_AndIsAudited()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        // No Chromium: the digest goes without the brief's PDF (DigestTests checks that), and this test stays in-process.
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp, ("Dashboard:ChromiumPath", "/nonexistent")), now: DigestDay);
        var reader = await app.CreateUserAsync("raadslid@example.nl", DashboardRoles.CouncilMember, name: "Raadslid");
        await app.Get<MailScheduler>().QueueDueAsync();
        await app.Get<OutboxSender>().SendDueAsync();
        var mail = Assert.Single(smtp.Received);
        var token = TokenOf(mail.Headers["List-Unsubscribe"]!);
        var preferences = app.Get<MailPreferences>();

        var check = await preferences.CheckAsync(token);
        Assert.Equal(new UnsubscribeInfo(UnsubscribeState.Ready, MessageKind.Digest, "raadslid@example.nl"), check);
        // Looking at the page changes nothing.
        Assert.True((await preferences.GetAsync(reader))!.ReceiveDigests);

        Assert.Equal(UnsubscribeState.Done, (await preferences.UnsubscribeAsync(token, "mail: one-click")).State);
        Assert.Equal(new MailPreferenceValues(true, false, "nl-NL"), await preferences.GetAsync(reader));
        Assert.NotNull(Assert.Single(await app.OutboxAsync()).UnsubscribedAt);
        Assert.Equal(UnsubscribeState.AlreadyUsed, (await preferences.UnsubscribeAsync(token, "mail: one-click")).State);
        Assert.Equal(UnsubscribeState.AlreadyUsed, (await preferences.CheckAsync(token)).State);

        // The link in the body names the same message.
        var bodyLink = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"https://\S+/afmelden\?token=\S+").Value;
        Assert.Equal(UnsubscribeState.AlreadyUsed, (await preferences.CheckAsync(TokenOf(bodyLink))).State);

        await using var db = app.CreateDb();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == "mail.unsubscribe").ToListAsync());
        Assert.Equal(AuditResult.Success, audit.Result);
        Assert.Equal("mail: one-click", audit.Origin);
        Assert.Contains("\"ReceiveDigests\":false", audit.NewValues);

        // And no next digest for the next briefing.
        await using (var db2 = app.CreateDb())
        {
            db2.Briefings.Add(new Briefing { PlanId = (await db2.Plans.FirstAsync()).Id, Date = new DateOnly(2023, 2, 12), Title = "Extra" });
            await db2.SaveChangesAsync();
        }
        Assert.Equal(0, await app.Get<MailScheduler>().QueueDigestsAsync());
    }

    [Fact]
    public async Task AForgedDamagedOrExpiredToken_DoesNothing()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(smtp, ("Mail:UnsubscribeDays", "30")));
        var queued = await app.Get<MailScheduler>().QueueTestAsync("iemand@example.nl", "test");
        var tokens = app.Get<UnsubscribeTokens>();
        var preferences = app.Get<MailPreferences>();
        var token = tokens.Create(queued.MessageId);

        Assert.Equal(UnsubscribeState.Invalid, (await preferences.UnsubscribeAsync(token[..^4] + "AAAA", "web")).State);
        Assert.Equal(UnsubscribeState.Invalid, (await preferences.UnsubscribeAsync(queued.MessageId, "web")).State);
        Assert.Equal(UnsubscribeState.Invalid, (await preferences.UnsubscribeAsync(null, "web")).State);
        app.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(UnsubscribeState.Invalid, (await preferences.CheckAsync(token)).State);
        Assert.Equal(UnsubscribeState.Invalid, (await preferences.UnsubscribeAsync(token, "web")).State);
        Assert.Null(Assert.Single(await app.OutboxAsync()).UnsubscribedAt);
        Assert.Equal(UnsubscribeState.Ready, (await preferences.CheckAsync(tokens.Create(queued.MessageId))).State);
    }

    [Fact]
    public async Task Preferences_AreOnesOwn_Saved_AndAudited()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var me = await app.CreateUserAsync("ik@example.nl", DashboardRoles.CouncilMember);
        var preferences = app.Get<MailPreferences>();
        Assert.Equal(new MailPreferenceValues(true, true, "nl-NL"), await preferences.GetAsync(me));

        var saved = await preferences.SaveAsync(MailFixture.ActorFor(me, DashboardRoles.CouncilMember), new(false, false, "en-GB"));
        Assert.True(saved.Succeeded);
        Assert.Equal(new MailPreferenceValues(false, false, "en-GB"), await preferences.GetAsync(me));
        // Only the two languages of the app.
        await preferences.SaveAsync(MailFixture.ActorFor(me, DashboardRoles.CouncilMember), new(true, false, "fr-FR"));
        Assert.Equal(new MailPreferenceValues(true, false, "nl-NL"), await preferences.GetAsync(me));

        Assert.Equal(SaveOutcome.Forbidden, (await preferences.SaveAsync(Actor.Anonymous, new(true, true, "nl-NL"))).Outcome);

        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.Where(a => a.Action == "mail.preferences").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditResult.Success, AuditResult.Success, AuditResult.Forbidden], audit.Select(a => a.Result));
        Assert.Equal(me, audit[0].ObjectId);
    }
}
