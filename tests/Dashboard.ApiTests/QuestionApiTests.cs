using System.Net;
using System.Text.Json;
using Dashboard.ApiTests.Support;
using Dashboard.Editing;
using Dashboard.Questions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.ApiTests.Support.ApiServer;

namespace Dashboard.ApiTests;

/// <summary>
/// GET /plans/{id}/questions and /plans/{id}/spearpoints/{id}/questions against the real app on its port, on a public dashboard:
/// the demo plan's February questions (one not public) and two asked now, one of them not public. An anonymous reader, a read
/// key and a signed-in raadslid's cookie (which the API does not count) all see the public ones without the asker's name.
/// </summary>
[Trait("Category", "Api")]
public class QuestionApiTests(QuestionApiTests.Server app) : IClassFixture<QuestionApiTests.Server>
{
    public const string PublicMarker = "OPENBARE-VRAAG-NU";
    public const string SecretMarker = "NIET-OPENBARE-VRAAG-NU";
    public const string AnswerMarker = "ANTWOORD-NU";

    private static readonly Actor Asker = new("Ria Vraagsteller", new HashSet<string> { DashboardRoles.CouncilMember }, UserId: "api-question-ria");

    public sealed class Server : ApiServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:AllowAnonymousRead"] = "true" };

        private Task<DemoIds>? _arranged;
        private readonly Lock _gate = new();

        public Task<DemoIds> ArrangedAsync()
        {
            lock (_gate)
            {
                return _arranged ??= ArrangeAsync();
            }
        }

        private async Task<DemoIds> ArrangeAsync()
        {
            var ids = await IdsAsync();
            await TestAccounts.ForAsync(Services, Asker);
            var editor = Get<QuestionEditor>();
            var asked = await editor.AskAsync(Asker, new AskQuestionCommand(ids.Plan, ids.Spearpoint, PublicMarker));
            Assert.True(asked.Succeeded, asked.Message);
            var secret = await editor.AskAsync(Asker, new AskQuestionCommand(ids.Plan, ids.Spearpoint, SecretMarker, NotPublic: true));
            Assert.True(secret.Succeeded, secret.Message);
            var answered = await editor.AnswerAsync(Admin, new AnswerQuestionCommand(ids.Plan, (int)asked.CreatedId!, AnswerMarker));
            Assert.True(answered.Succeeded, answered.Message);
            return ids;
        }
    }

    private static async Task<List<JsonElement>> QuestionsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return [.. (await ReadAsync(response)).GetProperty("questions").EnumerateArray()];
    }

    public static TheoryData<string> Readers => ["anoniem", "leessleutel", "raadslid"];

    private async Task<HttpClient> ClientAsync(string who) => who switch
    {
        "leessleutel" => app.Client(await app.SecretAsync(ApiScopes.Read)),
        "raadslid" => (await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember)).Http,
        _ => app.Client(null),
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task TheReaders_SeeThePublicQuestions_AtOnce_WithoutTheAskersName(string who)
    {
        var ids = await app.ArrangedAsync();
        var client = await ClientAsync(who);
        foreach (var url in new[] { $"/api/v1/plans/{ids.Plan}/questions", $"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint}/questions" })
        {
            var questions = await QuestionsAsync(client, url);
            var text = JsonSerializer.Serialize(questions);
            // Asked and answered after the last released rapportage: questions are not gated by rapportages.
            var mine = Assert.Single(questions, q => q.GetProperty("text").GetString() == PublicMarker);
            Assert.Equal("answered", mine.GetProperty("state").GetString());
            Assert.Equal(AnswerMarker, mine.GetProperty("answer").GetProperty("text").GetString());
            Assert.DoesNotContain(SecretMarker, text);
            Assert.All(questions, q => Assert.False(q.GetProperty("notPublic").GetBoolean()));
            Assert.All(questions, q => Assert.Equal(JsonValueKind.Null, q.GetProperty("askedBy").ValueKind));
            Assert.DoesNotContain(Asker.Name, text);
            Assert.DoesNotContain("Raadslid (demo)", text);
        }
        // The plan's list has the demo's three public February questions besides; the spearpoint's only its own.
        Assert.Equal(4, (await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/questions")).Count);
        Assert.All(await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint}/questions"),
            q => Assert.Equal(ids.Spearpoint, q.GetProperty("spearpointId").GetInt32()));
    }

    [Fact]
    public async Task APeildatum_ShowsTheQuestionsAskedByThen_WithTheAnswersAsTheyStoodThen()
    {
        var ids = await app.ArrangedAsync();
        using var client = app.Client(null);

        var early = await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/questions?peildatum=2023-02-08");
        // SP2 (asked 6 February, answered 10 February) and IS1 (asked 7 February); SP4's is not public, SP3's came on the 9th.
        Assert.Equal(2, early.Count);
        Assert.All(early, q =>
        {
            Assert.Equal("open", q.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, q.GetProperty("answer").ValueKind);
        });
        var later = await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/questions?peildatum=2023-02-10");
        Assert.Equal(3, later.Count);
        Assert.Equal(["answered", "open", "open"], later.Select(q => q.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Object, later[0].GetProperty("answer").ValueKind);
        Assert.Empty(await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/questions?peildatum=2023-01-31"));
        Assert.DoesNotContain(await QuestionsAsync(client, $"/api/v1/plans/{ids.Plan}/questions?peildatum=2023-12-31"),
            q => q.GetProperty("text").GetString() == PublicMarker);
    }

    [Fact]
    public async Task AnotherPlansId_IsNotThere_AndABadPeildatum_IsRefusedInDutch()
    {
        var ids = await app.ArrangedAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));
        await using var db = app.Db();
        var other = await db.Plans.Where(p => p.Id != ids.Plan).Select(p => (int?)p.Id).FirstOrDefaultAsync() ?? ids.Plan + 1000;
        foreach (var url in new[] { $"/api/v1/plans/{ids.Plan + 1000}/questions", $"/api/v1/plans/{other}/spearpoints/{ids.Spearpoint}/questions",
            $"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint + 100000}/questions" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("plan", (await ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        using var bad = await client.GetAsync($"/api/v1/plans/{ids.Plan}/questions?peildatum=31-03-2023");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("peildatum", (await ReadAsync(bad)).GetProperty("errors").GetProperty("peildatum")[0].GetString());
    }
}
