using System.Diagnostics;
using System.Text.Json.Nodes;
using Dashboard.ApiTests.Client;
using Dashboard.ApiTests.Client.Models;
using Dashboard.ApiTests.Support;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Dashboard.ApiTests;

/// <summary>
/// A client generated from the served document by Kiota (pinned in dotnet-tools.json), as a municipality's data team or a
/// supplier would make one. The generated code is kept in Client/ and compiled with these tests; the first test generates
/// it again from the document the real app serves and fails when the two differ, so a document that changed without the
/// client, or a client that no longer matches the document, cannot pass. The second uses that client against the real
/// app on its port: an endpoint that answers other than its document says breaks there.
/// </summary>
[Trait("Category", "Api")]
public class GeneratedClientTests(ApiServer app) : IClassFixture<ApiServer>
{
    public const string Namespace = "Dashboard.ApiTests.Client";
    private static readonly string Committed = Path.Combine(RepoRoot.Path, "tests", "Dashboard.ApiTests", "Client");

    /// <summary>The one command that makes the client, as the README and docs/api.md give it (with the document saved to a file).</summary>
    public static string[] Generate(string document, string output) =>
        ["kiota", "generate", "-l", "CSharp", "-d", document, "-o", output, "-c", "DashboardApiClient", "-n", Namespace,
            "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning"];

    private static async Task<(int Exit, string Output)> DotnetAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet", args) { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    [Fact]
    public async Task TheCompiledClient_IsWhatKiotaGeneratesFromTheServedDocument()
    {
        using var http = app.Client(null);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        // The server's address is this test server's port: the client is given its address when it is made.
        document.Remove("servers");
        var file = RepoRoot.Artifacts("kiota", "v1.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        var output = Path.Combine(Path.GetDirectoryName(file)!, "Client");

        // The pinned tools first, so that `dotnet test Dashboard.sln` on a fresh clone needs no other step.
        var (restored, restoreOutput) = await DotnetAsync(["tool", "restore"]);
        Assert.True(restored == 0, $"dotnet tool restore exited with {restored}:\n{restoreOutput}");
        var (exit, outputText) = await DotnetAsync(Generate(file, output));
        Assert.True(exit == 0, $"kiota generate exited with {exit}:\n{outputText}");

        static Dictionary<string, string> Files(string folder) => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);
        var generated = Files(output);
        var kept = Files(Committed);
        var regenerate = $"the document changed: make the client again from tests/Dashboard.ApiTests with `dotnet {string.Join(' ', Generate("<document>", "Client"))}`";
        Assert.True(generated.Keys.Order().SequenceEqual(kept.Keys.Order()),
            $"{regenerate}; files now: {string.Join(", ", generated.Keys.Except(kept.Keys))}; gone: {string.Join(", ", kept.Keys.Except(generated.Keys))}");
        Assert.All(generated, f => Assert.True(f.Value == kept[f.Key], $"{regenerate}; {f.Key} differs"));
    }

    private DashboardApiClient Client(string secret) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: app.Client(secret))
        {
            BaseUrl = app.BaseUrl.TrimEnd('/'),
        });

    [Fact]
    public async Task TheGeneratedClient_ListsPlans_ReadsASpearpointOnAPeildatum_PostsAMeasurementOnce_AndGetsTypedProblems()
    {
        var ids = await app.IdsAsync();
        // With live: the plan as it stood on the peildatum, not capped at its latest released rapportage (the council's view).
        var client = Client(await app.SecretAsync(ApiScopes.Read, ApiScopes.Live, ApiScopes.Measurements));
        var plans = client.Api.V1.Plans;

        var list = await plans.GetAsync(c => c.QueryParameters.Peildatum = new Date(2023, 3, 31));
        Assert.Equal(new Date(2023, 3, 31), list!.Peildatum);
        var plan = Assert.Single(list.Plans!, p => p.Id == ids.Plan);
        Assert.False(string.IsNullOrWhiteSpace(plan.Name));
        Assert.Equal(PlanState.Running, plan.State);

        var spearpoint = await plans[ids.Plan].Spearpoints[ids.Spearpoint].GetAsync(c => c.QueryParameters.Peildatum = new Date(2023, 6, 30));
        Assert.Equal((ids.Spearpoint, new Date(2023, 6, 30)), (spearpoint!.Spearpoint!.Id, spearpoint.Peildatum));
        Assert.NotEmpty(spearpoint.Milestones!);
        Assert.NotEmpty(spearpoint.StatusHistory!);
        var indicator = Assert.Single(spearpoint.Indicators!, i => i.Id == ids.Indicator);
        Assert.False(string.IsNullOrWhiteSpace(indicator.Unit));

        // A measurement with an idempotency key, delivered twice: one measurement, the same answer.
        var note = "Gegenereerde client " + Guid.NewGuid().ToString("N")[..8];
        var input = new MeasurementInput { Date = new Date(2023, 3, 31), Value = 41.5, Note = note };
        var key = Guid.NewGuid().ToString();
        var measurements = plans[ids.Plan].Indicators[ids.Indicator].Measurements;
        var created = await measurements.PostAsync(input, c => c.Headers.Add(ApiWritesHeader, key));
        var again = await measurements.PostAsync(input, c => c.Headers.Add(ApiWritesHeader, key));
        Assert.Equal((ids.Indicator, new Date(2023, 3, 31), 41.5, note), (created!.IndicatorId, created.Date, created.Value, created.Note));
        Assert.Equal(created.Id, again!.Id);

        // Without a peildatum: everything recorded so far (a peildatum shows what had been recorded by the end of that day).
        var read = await plans[ids.Plan].Indicators[ids.Indicator].GetAsync();
        var stored = Assert.Single(read!.Measurements!, m => m.Note == note);
        Assert.Equal((new Date(2023, 3, 31), 41.5), (stored.Date, stored.Value));

        // A refused write is a typed problem document: the field and its Dutch message.
        var refused = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() =>
            measurements.PostAsync(new MeasurementInput { Date = new Date(1999, 1, 1), Value = 1 }));
        Assert.Equal(422, refused.Status);
        Assert.Equal(422, refused.ResponseStatusCode);
        Assert.Contains("date", refused.Errors!.AdditionalData.Keys);

        // And a read of something that is not there: the 404 problem document, typed.
        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => plans[ids.Plan].Spearpoints[int.MaxValue].GetAsync());
        Assert.Equal(404, missing.Status);
        Assert.False(string.IsNullOrWhiteSpace(missing.Detail));
    }

    [Fact]
    public async Task TheGeneratedClient_ReadsTheQuestions_OfAPlanAndASpearpoint_OnAPeildatum_WithoutNames()
    {
        var ids = await app.IdsAsync();
        var plan = Client(await app.SecretAsync(ApiScopes.Read)).Api.V1.Plans[ids.Plan];

        // 10 February 2023 in the demo: SP2's question answered that day, IS1's and SP3's still open, SP4's not public.
        var list = await plan.Questions.GetAsync(c => c.QueryParameters.Peildatum = new Date(2023, 2, 10));
        Assert.Equal(new Date(2023, 2, 10), list!.Peildatum);
        Assert.Equal([QuestionState.Answered, QuestionState.Open, QuestionState.Open], list.Questions!.Select(q => q.State!.Value));
        Assert.All(list.Questions!, q => Assert.Null(q.AskedBy));
        Assert.All(list.Questions!, q => Assert.False(q.NotPublic));
        var answered = list.Questions![0];
        Assert.False(string.IsNullOrWhiteSpace(answered.Answer!.Text));
        Assert.Empty(answered.EarlierAnswers!);

        var one = await plan.Spearpoints[answered.SpearpointId!.Value].Questions.GetAsync(c => c.QueryParameters.Peildatum = new Date(2023, 2, 10));
        Assert.Equal(answered.Id, Assert.Single(one!.Questions!).Id);

        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => plan.Spearpoints[int.MaxValue].Questions.GetAsync());
        Assert.Equal(404, missing.Status);
    }

    private const string ApiWritesHeader = Api.ApiWrites.IdempotencyHeader;
}
