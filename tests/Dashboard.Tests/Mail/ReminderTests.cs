using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Mail;

/// <summary>Reminders to owners, through the outbox to a real SMTP server, judged in Dutch time on a fake clock.</summary>
[Trait("Category", Database.Category)]
public sealed class ReminderTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private TestApp _app = null!;
    private string _owner = null!, _council = null!, _disabled = null!;
    private readonly Dictionary<string, int> _ids = [];

    // Tuesday 24 November 2026, 14:00 in the Netherlands.
    private static readonly DateTimeOffset Now = MailFixture.Dutch(2026, 11, 24, 14);
    private static DateTime Utc(int month, int day) => DashboardClock.StartOfDayUtc(new DateOnly(2026, month, day)).AddHours(10);

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartedAsync();
        _app = await TestApp.InMemoryAsync(seedDemo: false, settings: MailFixture.Settings(_smtp), now: Now);
        _owner = await _app.CreateUserAsync("eigenaar@example.nl", DashboardRoles.Manager, name: "Eigenaar");
        _council = await _app.CreateUserAsync("raadslid@example.nl", DashboardRoles.CouncilMember, name: "Raadslid");
        _disabled = await _app.CreateUserAsync("weg@example.nl", DashboardRoles.Manager, name: "Vertrokken");
        await _app.SetAsync(_disabled, u => u.IsDisabled = true);

        var running = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Lopend plan");
        var soon = Owned(running, "A", _owner, update: Utc(10, 15));        // stale on 30 November: within 7 days
        var stale = Owned(running, "B", _owner, update: Utc(9, 1));          // stale already
        PlanBuilder.Milestone(stale, "Binnenkort", new DateOnly(2026, 11, 28), Utc(1, 5));
        PlanBuilder.Milestone(stale, "Te laat", new DateOnly(2026, 11, 1), Utc(1, 5));
        PlanBuilder.Milestone(stale, "Later", new DateOnly(2026, 12, 20), Utc(1, 5));
        PlanBuilder.Milestone(stale, "Klaar", new DateOnly(2026, 11, 25), Utc(1, 5), (Utc(11, 2), m => { m.State = Status.Done; m.CompletedOn = new DateOnly(2026, 11, 2); }));
        var measured = Owned(running, "D", _owner, update: Utc(11, 23));     // fresh, but a measurement is due
        measured.Indicators.Add(new Indicator
        {
            Name = "Wachttijd", Unit = "dagen", Baseline = 10, Target = 5, Frequency = MeasurementFrequency.Monthly, CreatedAt = Utc(1, 2),
            Measurements = [new Measurement { Date = new DateOnly(2026, 9, 1), Value = 8, Author = "Test", RecordedAt = Utc(9, 1) }],
        });
        Owned(running, "F", _owner, update: Utc(11, 20));                     // fresh, nothing due: not in the message
        var ended = Owned(running, "C", _owner, update: Utc(3, 1));
        ended.EndedAt = Utc(6, 1);
        ended.EndReason = "Klaar";
        Owned(running, "E", _council, update: Utc(3, 1));                     // a raadslid owns nothing by the rules, but the data says so
        Owned(running, "G", _disabled, update: Utc(3, 1));
        var archived = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Gearchiveerd plan");
        Owned(archived, "X", _owner, update: Utc(3, 1));
        var past = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "Afgelopen plan");
        Owned(past, "Y", _owner, update: DashboardClock.StartOfDayUtc(new DateOnly(2025, 3, 1)));

        await using var db = _app.CreateDb();
        await running.SaveAsync(db);
        (await archived.SaveAsync(db)).ArchivedAt = Utc(11, 1);
        await past.SaveAsync(db);
        await db.SaveChangesAsync();
        foreach (var s in await db.Spearpoints.ToListAsync())
        {
            _ids[s.Code] = s.Id;
        }
    }

    private static Spearpoint Owned(PlanBuilder plan, string code, string ownerId, DateTime update)
    {
        var s = plan.Spearpoint(code);
        s.OwnerId = ownerId;
        s.OwnerRole = "Eigenaar";
        PlanBuilder.Update(s, Status.OnTrack, update);
        return s;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private string Page(string code) => $"{MailFixture.BaseUrl}/speerpunten/{_ids[code]}";

    [Fact]
    public async Task AnOwner_GetsOneReminder_WithOnlyTheirOwnDueItems_EachLinkedToItsPage()
    {
        var queued = await _app.Get<MailScheduler>().QueueDueAsync();
        Assert.Equal(new QueueReport(1, 0), queued);
        var report = await _app.Get<OutboxSender>().SendDueAsync();
        Assert.Equal(new SendReport(1, 0, 0), report);

        var mail = Assert.Single(_smtp.Received);
        var stored = Assert.Single(await _app.OutboxAsync());
        Assert.Equal(stored.MessageId, mail.MessageId);
        Assert.Equal($"reminder:{_owner}:2026-11-24", stored.DedupKey);
        Assert.NotNull(stored.SentAt);
        Assert.Equal("eigenaar@example.nl", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("dashboard@gemeente.example.nl", Assert.Single(mail.From.Mailboxes).Address);
        // A (soon), B (stale), B's two milestones, D's measurement.
        Assert.Equal("Herinnering: 5 punten van uw speerpunten vragen aandacht", mail.Subject);

        foreach (var body in new[] { mail.HtmlBody!, mail.TextBody! })
        {
            Assert.Contains(Page("A"), body);
            Assert.Contains(Page("B"), body);
            Assert.Contains(Page("D"), body);
            Assert.Contains("Wordt op 30 november 2026 niet recent bijgewerkt.", body);
            Assert.Contains("Niet recent bijgewerkt: tijd voor een voortgangsbericht.", body);
            Assert.Contains("Mijlpaal Binnenkort (B)", body);
            Assert.Contains("Over tijd: gepland op 1 november 2026", body);
            Assert.Contains("Meting van Wachttijd (D)", body);
            Assert.Contains("Meting verwacht (Maandelijks)", body);
            Assert.DoesNotContain("Later", body);
            Assert.DoesNotContain("Klaar", body);
            foreach (var absent in new[] { "C", "E", "F", "G", "X", "Y" })
            {
                Assert.DoesNotContain(Page(absent), body);
            }
            Assert.DoesNotContain("Demogegevens", body);
        }

        // Accessible HTML: the language, real headings, link text that names the page, text only.
        Assert.Contains("<html lang=\"nl\">", mail.HtmlBody);
        Assert.Contains("<h1", mail.HtmlBody);
        Assert.Contains("<h2", mail.HtmlBody);
        Assert.Contains($"<a href=\"{Page("A")}\" style=\"color:#0b5cad;\">A Speerpunt A</a>", mail.HtmlBody);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);

        // Headers: the one-click unsubscribe of RFC 8058.
        var unsubscribe = mail.Headers["List-Unsubscribe"];
        Assert.StartsWith($"<{MailFixture.BaseUrl}/afmelden/direct?token=", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"{MailFixture.BaseUrl}/afmelden?token=", mail.HtmlBody);
        Assert.Contains($"{MailFixture.BaseUrl}/Account/Manage#meldingen", mail.TextBody);
    }

    [Fact]
    public async Task AtMostOneReminderPerOwner_PerDutchDay()
    {
        var scheduler = _app.Get<MailScheduler>();
        Assert.Equal(1, await scheduler.QueueRemindersAsync());
        _app.Time.SetUtcNow(MailFixture.Dutch(2026, 11, 24, 23, 59));
        Assert.Equal(0, await scheduler.QueueRemindersAsync());
        // Midnight in the Netherlands is 23:00 UTC: a new day there, still the 24th in UTC.
        _app.Time.SetUtcNow(MailFixture.Dutch(2026, 11, 25, 0, 1));
        Assert.Equal(24, _app.Time.GetUtcNow().Day);
        Assert.Equal(1, await scheduler.QueueRemindersAsync());
        Assert.Equal(0, await scheduler.QueueRemindersAsync());
        Assert.Equal([$"reminder:{_owner}:2026-11-24", $"reminder:{_owner}:2026-11-25"], (await _app.OutboxAsync()).Select(m => m.DedupKey));
    }

    [Fact]
    public async Task NoReminder_ForARaadslid_ADisabledAccount_OrSomeoneWhoOptedOut()
    {
        await _app.Get<MailScheduler>().QueueDueAsync();
        Assert.DoesNotContain(await _app.OutboxAsync(), m => m.UserId == _council || m.UserId == _disabled);

        _app.Time.Advance(TimeSpan.FromDays(1));
        var saved = await _app.Get<MailPreferences>().SaveAsync(MailFixture.ActorFor(_owner, DashboardRoles.Manager),
            new MailPreferenceValues(ReceiveReminders: false, ReceiveDigests: true, "nl-NL"));
        Assert.True(saved.Succeeded);
        Assert.Equal(0, await _app.Get<MailScheduler>().QueueRemindersAsync());
    }

    [Fact]
    public async Task AnAccountDisabledAfterQueueing_IsNotSentTo()
    {
        await _app.Get<MailScheduler>().QueueDueAsync();
        await _app.SetAsync(_owner, u => u.IsDisabled = true);
        var report = await _app.Get<OutboxSender>().SendDueAsync();
        Assert.Equal(new SendReport(0, 0, 1), report);
        Assert.Empty(_smtp.Received);
        Assert.Contains("disabled", Assert.Single(await _app.OutboxAsync()).LastError);
    }

    [Fact]
    public async Task TheReminder_IsInTheOwnersLanguage()
    {
        await _app.SetAsync(_owner, u => u.Language = "en-GB");
        await _app.Get<MailScheduler>().QueueDueAsync();
        await _app.Get<OutboxSender>().SendDueAsync();
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("Reminder: 5 items of your spearpoints need attention", mail.Subject);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody);
        Assert.Contains("Becomes not recently updated on 30 November 2026.", mail.TextBody);
    }
}
