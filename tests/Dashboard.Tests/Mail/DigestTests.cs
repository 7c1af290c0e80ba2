using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Mail;

/// <summary>
/// The digest before a briefing: to every raadslid who wants it, exactly once, with the brief as a PDF where Chromium is.
/// A category per test: the one with the PDF starts Chromium, a separate process.
/// </summary>
public sealed class DigestTests
{
    // Three days before the demo briefing of 14 February 2023 (the default lead time), in the morning.
    private static readonly DateTimeOffset DigestDay = MailFixture.Dutch(2023, 2, 11, 8);

    private static bool ChromiumRequired => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1";

    private sealed record Readers(string Reader, string OptedOut, string Disabled, string Manager);

    private static async Task<Readers> ReadersAsync(TestApp app)
    {
        var reader = await app.CreateUserAsync("raadslid@example.nl", DashboardRoles.CouncilMember, name: "Raadslid");
        var optedOut = await app.CreateUserAsync("geen-overzicht@example.nl", DashboardRoles.CouncilMember);
        await app.SetAsync(optedOut, u => u.ReceiveDigests = false);
        var disabled = await app.CreateUserAsync("oud-raadslid@example.nl", DashboardRoles.CouncilMember);
        await app.SetAsync(disabled, u => u.IsDisabled = true);
        var manager = await app.CreateUserAsync("manager@example.nl", DashboardRoles.Manager);
        return new Readers(reader, optedOut, disabled, manager);
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task TheDigest_GoesToEnabledRaadsleden_WhoWantIt_OnTheDayItIsDue()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp), now: DigestDay.AddDays(-1));
        var readers = await ReadersAsync(app);
        var scheduler = app.Get<MailScheduler>();

        Assert.Equal(0, await scheduler.QueueDigestsAsync());
        app.Time.SetUtcNow(DigestDay);
        Assert.Equal(1, await scheduler.QueueDigestsAsync());
        var briefing = await app.IdAsync(DemoBriefings.February);
        var queued = Assert.Single(await app.OutboxAsync());
        Assert.Equal($"digest:{briefing}:{readers.Reader}", queued.DedupKey);
        Assert.Equal(MessageKind.Digest, queued.Kind);
        Assert.Equal(briefing, queued.AttachmentBriefingId);

        // Exactly once: again the same day, the next days, and on the day itself.
        Assert.Equal(0, await scheduler.QueueDigestsAsync());
        app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await scheduler.QueueDigestsAsync());
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await scheduler.QueueDigestsAsync());
        Assert.Single(await app.OutboxAsync());
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task TwoInstancesQueueingAtOnce_QueueEachDigestOnce()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.FileAsync(settings: MailFixture.Settings(smtp), now: DigestDay);
        var readers = await ReadersAsync(app);
        var second = await app.CreateUserAsync("tweede-raadslid@example.nl", DashboardRoles.CouncilMember);
        await using var other = await app.SecondInstanceAsync(MailFixture.Settings(smtp), DigestDay);

        var counts = await Task.WhenAll(
            Task.Run(() => app.Get<MailScheduler>().QueueDigestsAsync()),
            Task.Run(() => other.Get<MailScheduler>().QueueDigestsAsync()),
            Task.Run(() => app.Get<MailScheduler>().QueueDigestsAsync()));
        Assert.Equal(2, counts.Sum());
        var keys = (await app.OutboxAsync()).Select(m => m.DedupKey).Order().ToList();
        var briefing = await app.IdAsync(DemoBriefings.February);
        Assert.Equal(new[] { $"digest:{briefing}:{readers.Reader}", $"digest:{briefing}:{second}" }.Order(), keys);
    }

    [Fact, Trait("Category", Database.ProcessCategory)]
    public async Task TheDigest_PutsRedsAndOrangesFirst_WithCauseConsequenceAndCorrectiveAction_TheLinks_AndTheBrief()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp), now: DigestDay);
        await ReadersAsync(app);
        var briefing = await app.IdAsync(DemoBriefings.February);
        await app.Get<MailScheduler>().QueueDueAsync();
        var report = await app.Get<OutboxSender>().SendDueAsync();
        Assert.True(report.Sent == 1, string.Join("; ", (await app.OutboxAsync()).Select(m => m.LastError)));

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("raadslid@example.nl", Assert.Single(mail.To.Mailboxes).Address);
        // What the council sees: the demo plan's council reads its released rapportages.
        var detail = (await app.Get<CouncilReads>().BriefingAsync(CouncilReads.Council, briefing))!;
        Assert.Equal($"Bijpraatsessie {detail.Briefing.Title} op 14 februari 2023: wat er veranderde", mail.Subject);

        var attention = detail.Spearpoints.Where(s => s.NeedsAttention).ToList();
        Assert.NotEmpty(attention);
        foreach (var body in new[] { mail.HtmlBody!, mail.TextBody! })
        {
            Assert.Contains("Demogegevens, geen echte cijfers", body);
            Assert.Contains($"{MailFixture.BaseUrl}/bijpraatsessies/{briefing}", body);
            Assert.Contains("sinds de vorige bijpraatsessie van 11 oktober 2022", body);
            var attentionAt = body.IndexOf("Aandachtspunten en vertragingen", StringComparison.Ordinal);
            var othersAt = body.IndexOf("De andere speerpunten op de agenda", StringComparison.Ordinal);
            Assert.True(attentionAt >= 0);
            foreach (var s in attention)
            {
                var at = body.IndexOf($"{MailFixture.BaseUrl}/speerpunten/{s.Summary.Id}", StringComparison.Ordinal);
                Assert.InRange(at, attentionAt, othersAt < 0 ? int.MaxValue : othersAt);
                Assert.Contains(s.Summary.Latest!.Cause!, System.Net.WebUtility.HtmlDecode(body));
            }
            Assert.Contains("Oorzaak", body);
            Assert.Contains("Gevolg", body);
            Assert.Contains("Bijsturing", body);
        }
        Assert.Contains("<html lang=\"nl\">", mail.HtmlBody);
        Assert.StartsWith($"<{MailFixture.BaseUrl}/afmelden/direct?token=", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(Assert.Single(await app.OutboxAsync()).MessageId, mail.MessageId);

        var pdf = mail.Attachments.OfType<MimePart>().FirstOrDefault(a => a.ContentType.MimeType == "application/pdf");
        if (!app.Get<ChromiumPdf>().IsAvailable)
        {
            Assert.False(ChromiumRequired, "Chromium not found; DASHBOARD_REQUIRE_BROWSER=1 demands the PDF attachment.");
            Assert.Null(pdf);
            return;
        }
        Assert.NotNull(pdf);
        Assert.Equal("bijpraatsessie-2023-02-14.pdf", pdf.FileName, ignoreCase: true);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(content.ToArray(), 0, 4));
        Assert.Contains("De brief zit als PDF bij dit bericht", mail.TextBody);
    }

    [Fact, Trait("Category", Database.Category)]
    public async Task StoredTexts_AreEscapedInTheHtml()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp), now: DigestDay);
        await ReadersAsync(app);
        var briefing = await app.IdAsync(DemoBriefings.February);
        await using (var db = app.CreateDb())
        {
            var b = await db.Briefings.SingleAsync(x => x.Id == briefing);
            b!.Audience = "<script>alert('x')</script> & raad";
            await db.SaveChangesAsync();
        }
        await app.Get<MailScheduler>().QueueDueAsync();
        var stored = Assert.Single(await app.OutboxAsync());
        Assert.DoesNotContain("<script>", stored.HtmlBody);
        Assert.Contains("&lt;script&gt;", stored.HtmlBody);
        Assert.Contains("<script>alert('x')</script> & raad", stored.TextBody);
    }
}

/// <summary>The HTML of a digest from the demo data, saved under TestResults/ for the screenshot in mail.md (.github/digest.png).</summary>
[Trait("Category", Database.Category)]
public sealed class DigestSample
{
    [Fact]
    public async Task TheDemoDigest_IsSavedForTheScreenshot()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        await using var app = await TestApp.InMemoryAsync(settings: MailFixture.Settings(smtp, ("Dashboard:ChromiumPath", "/nonexistent")),
            now: MailFixture.Dutch(2023, 2, 11, 8));
        await app.CreateUserAsync("raadslid@example.nl", DashboardRoles.CouncilMember);
        Assert.Equal(1, await app.Get<MailScheduler>().QueueDigestsAsync());
        var html = Assert.Single(await app.OutboxAsync()).HtmlBody;
        var folder = Path.Combine(RepoRoot.Path, "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "digest.html"), html);
        Assert.Contains("<h1", html);
    }
}
