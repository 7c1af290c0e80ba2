using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dashboard.ApiTests.Support;
using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.ApiTests;

/// <summary>
/// No leak, channel by channel. The demo plan's council sees its released rapportages; after the last release a manager saves
/// a status with a marker, a measurement dated before the rapportage's peildatum, and a concept with another marker. Neither
/// reaches a council member, an anonymous reader of the public dashboard or a key without the live scope, on any channel:
/// the pages as served, the API reads, the brief and its PDF, the presentation's deck, the digest, the export. Staff and a
/// key with the live scope do see the live marker, so each check can fail.
/// </summary>
[Trait("Category", "Api")]
public class CouncilLeakTests(CouncilLeakTests.Server app) : IClassFixture<CouncilLeakTests.Server>
{
    public const string LiveMarker = "LIVE-NIET-VASTGESTELD";
    public const string ConceptMarker = "CONCEPT-NIET-VASTGESTELD";
    public const string SecretQuestionMarker = "NIET-OPENBARE-VRAAG";
    private static readonly Actor Asker = new("Ria Vraagsteller", new HashSet<string> { DashboardRoles.CouncilMember }, UserId: "leak-test-asker");
    private const double SecretValue = 987.6;

    public sealed class Server : ApiServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:AllowAnonymousRead"] = "true" };

        private Task<Arranged>? _arranged;
        private readonly Lock _gate = new();

        public Task<Arranged> ArrangedAsync()
        {
            lock (_gate)
            {
                return _arranged ??= ArrangeAsync();
            }
        }

        private async Task<Arranged> ArrangeAsync()
        {
            var ids = await IdsAsync();
            var manager = Actors.Manager();
            var detail = (await Get<DashboardQueries>().GetSpearpointAsync(ids.Spearpoint, null))!;
            var status = await Get<StatusEditor>().SaveStatusAsync(manager, new StatusCommand(ids.Plan, ids.Spearpoint, detail.Summary.Version,
                Status.Delayed, LiveMarker, "Oorzaak", "Gevolg", "Bijsturing"));
            Assert.True(status.Succeeded, status.Message);
            var measured = await Get<IndicatorEditor>().AddMeasurementAsync(manager,
                new AddMeasurementCommand(ids.Plan, ids.Indicator, new DateOnly(2023, 1, 31), SecretValue, LiveMarker));
            Assert.True(measured.Succeeded, measured.Message);
            var concept = await Get<ReportEditor>().CreateAsync(manager, new CreateReportCommand(ids.Plan, new DateOnly(2023, 12, 31), ConceptMarker));
            Assert.True(concept.Succeeded, concept.Message);
            // A non-public technische vraag of one raadslid, answered: another raadslid, a key and an anonymous reader never see it.
            await TestAccounts.ForAsync(Services, Asker);
            var asked = await Get<Questions.QuestionEditor>().AskAsync(Asker,
                new Questions.AskQuestionCommand(ids.Plan, ids.Spearpoint, SecretQuestionMarker, NotPublic: true));
            Assert.True(asked.Succeeded, asked.Message);
            var answered = await Get<Questions.QuestionEditor>().AnswerAsync(Admin,
                new Questions.AnswerQuestionCommand(ids.Plan, (int)asked.CreatedId!, SecretQuestionMarker + "-ANTWOORD"));
            Assert.True(answered.Succeeded, answered.Message);
            await using var db = Db();
            var briefing = await db.Reports.Where(r => r.PlanId == ids.Plan && r.State == ReportState.Released && r.BriefingId != null)
                .OrderByDescending(r => r.ReferenceDate).Select(r => r.BriefingId!.Value).FirstAsync();
            return new Arranged(ids, briefing, (int)concept.CreatedId!);
        }
    }

    public sealed record Arranged(DemoIds Ids, int ReleasedBriefing, int Concept);

    private static void NoLeak(string channel, string text)
    {
        Assert.True(!text.Contains(LiveMarker) && !text.Contains(ConceptMarker), $"{channel} leaks a live or concept text");
        Assert.True(!text.Contains("987,6") && !text.Contains("987.6"), $"{channel} leaks a live measurement");
        Assert.True(!text.Contains(SecretQuestionMarker), $"{channel} leaks a non-public question");
    }

    private static IEnumerable<string> Pages(Arranged a) =>
    [
        "/",
        $"/plannen/{a.Ids.Plan}",
        $"/plannen/{a.Ids.Plan}?peildatum=2023-12-31",
        $"/speerpunten/{a.Ids.Spearpoint}",
        $"/speerpunten/{a.Ids.Spearpoint}?peildatum=2023-12-31",
        $"/bijpraatsessies/{a.ReleasedBriefing}",
        $"/bijpraatsessies/{a.Ids.Briefing}",
        $"/bijpraatsessies/{a.ReleasedBriefing}/afdrukken",
        $"/presentatie?bijpraatsessie={a.ReleasedBriefing}",
    ];

    private static IEnumerable<string> ApiReads(Arranged a) =>
    [
        $"/api/v1/plans/{a.Ids.Plan}",
        $"/api/v1/plans/{a.Ids.Plan}?peildatum=2023-12-31",
        $"/api/v1/plans/{a.Ids.Plan}/spearpoints/{a.Ids.Spearpoint}",
        $"/api/v1/plans/{a.Ids.Plan}/spearpoints/{a.Ids.Spearpoint}?peildatum=2023-12-31",
        $"/api/v1/plans/{a.Ids.Plan}/indicators/{a.Ids.Indicator}",
        $"/api/v1/plans/{a.Ids.Plan}/indicators/{a.Ids.Indicator}?peildatum=2023-12-31",
        $"/api/v1/plans/{a.Ids.Plan}/briefings/{a.ReleasedBriefing}",
        $"/api/v1/plans/{a.Ids.Plan}/briefings/{a.Ids.Briefing}",
        $"/api/v1/plans/{a.Ids.Plan}/questions",
        $"/api/v1/plans/{a.Ids.Plan}/questions?peildatum=2030-12-31",
        $"/api/v1/plans/{a.Ids.Plan}/spearpoints/{a.Ids.Spearpoint}/questions",
    ];

    public static TheoryData<string> CouncilReaders => ["raadslid", "anoniem"];

    private async Task<Visitor> VisitorAsync(string who) =>
        who == "anoniem" ? Visitor.SignedOut(app) : await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember);

    [Theory]
    [MemberData(nameof(CouncilReaders))]
    public async Task ThePages_AsServed_ShowTheCouncilNoLiveOrConceptText(string who)
    {
        var a = await app.ArrangedAsync();
        using var visitor = await VisitorAsync(who);
        foreach (var page in Pages(a))
        {
            using var response = await visitor.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {page}: {(int)response.StatusCode}");
            NoLeak($"{who} {page}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ThePages_ShowAManagerTheLiveMarker_SoTheCheckCanFail()
    {
        var a = await app.ArrangedAsync();
        using var manager = await Visitor.SignedInAsync(app, DashboardRoles.Manager);

        var html = await manager.Http.GetStringAsync($"/speerpunten/{a.Ids.Spearpoint}");

        Assert.Contains(LiveMarker, html);
    }

    [Theory]
    [InlineData("leessleutel")]
    [InlineData("anoniem")]
    public async Task TheApiReads_WithoutTheLiveScope_AreTheReleasedState(string who)
    {
        var a = await app.ArrangedAsync();
        using var client = app.Client(who == "anoniem" ? null : await app.SecretAsync(ApiScopes.Read));
        foreach (var url in ApiReads(a))
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{who} {url}: {(int)response.StatusCode}");
            NoLeak($"{who} {url}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheApiReads_OfQuestions_WithAnotherRaadslidsSignInCookie_AreStillTheAnonymousOnes()
    {
        var a = await app.ArrangedAsync();
        using var member = await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember);
        foreach (var url in ApiReads(a).Where(u => u.Contains("/questions", StringComparison.Ordinal)))
        {
            using var response = await member.Http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"raadslid {url}: {(int)response.StatusCode}");
            NoLeak($"raadslid {url}", await response.Content.ReadAsStringAsync());
        }
        // The asker, the team and the service do see it, so the check can fail.
        var own = await app.Get<Questions.QuestionQueries>().ListAsync(Asker, a.Ids.Plan);
        Assert.Contains(own, q => q.Text == SecretQuestionMarker);
    }

    [Fact]
    public async Task TheApiReads_WithTheLiveScope_AreLive()
    {
        var a = await app.ArrangedAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read, ApiScopes.Live));

        var spearpoint = await client.GetStringAsync($"/api/v1/plans/{a.Ids.Plan}/spearpoints/{a.Ids.Spearpoint}");
        var indicator = await client.GetStringAsync($"/api/v1/plans/{a.Ids.Plan}/indicators/{a.Ids.Indicator}");

        Assert.Contains(LiveMarker, spearpoint);
        Assert.Contains("987.6", indicator);
    }

    [Fact]
    public async Task TheBriefPdf_OfACouncilMember_IsTheReleasedRapportage()
    {
        var a = await app.ArrangedAsync();
        var pdftotext = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        Assert.True(app.Get<ChromiumPdf>().IsAvailable && pdftotext is not null, "Chromium and pdftotext are needed (apt-get install chromium poppler-utils)");
        using var member = await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember);

        using var response = await member.Http.GetAsync($"/bijpraatsessies/{a.ReleasedBriefing}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"brief-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var start = new ProcessStartInfo(pdftotext, [file, "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        Assert.Contains("vastgestelde stand", text);
        NoLeak("brief PDF", text);
    }

    [Fact]
    public async Task ThePresentationDeck_TheDigest_AndTheExport_HoldNothingLive()
    {
        var a = await app.ArrangedAsync();

        // The deck the presenter shows and the followers are told: the same for the room and the council.
        var decks = new[] { await app.Get<PresentationQueries>().GetDeckAsync(a.ReleasedBriefing), await app.Get<PresentationQueries>().GetDeckAsync(null, a.Ids.Plan) };
        foreach (var deck in decks)
        {
            NoLeak("presentation deck", JsonSerializer.Serialize(deck));
        }
        // The digest is composed from what the council sees.
        var model = (await app.Get<CouncilReads>().BriefingAsync(CouncilReads.Council, a.ReleasedBriefing))!;
        var digest = await app.Get<MailComposer>().DigestAsync("nl", "<test@dashboard>", model, withPdf: false);
        NoLeak("digest", digest.Subject + digest.Body.Html + digest.Body.Text);
        // The export is the beheerder's: a council member is not let in.
        using var member = await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember);
        using var export = await member.Http.GetAsync($"/beheer/export/{a.Ids.Plan}?kind=json");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        NoLeak("export", await export.Content.ReadAsStringAsync());
    }
}
