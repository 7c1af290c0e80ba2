using System.Net;
using Dashboard.ApiTests.Support;
using Dashboard.Editing;
using Dashboard.Reports;
using Microsoft.EntityFrameworkCore;
using static Dashboard.ApiTests.Support.ApiServer;

namespace Dashboard.ApiTests;

/// <summary>Released rapportages through the API: only released ones, read from the stored bytes, with the stamp and the stored PDF.</summary>
[Trait("Category", "Api")]
public class ReportApiTests(ApiServer app) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task TheList_HasOnlyReleasedRapportages_WithWhoReleasedThemWhen_AndTheHashOfTheStoredBytes()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));

        using var response = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reports = (await ReadAsync(response)).GetProperty("reports").EnumerateArray().ToList();
        Assert.DoesNotContain(reports, r => r.GetProperty("id").GetInt32() == ids.ConceptReport);
        var report = Assert.Single(reports, r => r.GetProperty("id").GetInt32() == ids.Report);
        await using var db = app.Db();
        var snapshot = await db.ReportSnapshots.AsNoTracking().SingleAsync(s => s.ReportId == ids.Report);
        Assert.Equal(ReportContent.Hash(snapshot.Content), report.GetProperty("sha256").GetString());
        Assert.Equal("2022-12-31", report.GetProperty("peildatum").GetString());
        Assert.Equal("Vera Vaststeller", report.GetProperty("releasedBy").GetString());

        // A peildatum hides the later ones: before 31 December 2022 only the demo's of 11 October 2022.
        using var before = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports?peildatum=2022-12-30");
        Assert.Equal(["2022-10-11"], (await ReadAsync(before)).GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("peildatum").GetString()));
    }

    [Fact]
    public async Task OneRapportage_IsItsStoredContent_WithTheStamp()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));

        using var response = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports/{ids.Report}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        var stored = (await app.Get<ReportPdfs>().ReleasedAsync(ids.Report))!;
        Assert.Equal("Het eerste halfjaar, vastgesteld.", json.GetProperty("summary").GetString());
        Assert.Equal(stored.Sha256, json.GetProperty("sha256").GetString());
        Assert.Equal("Vera Vaststeller", json.GetProperty("releasedBy").GetString());
        Assert.Equal("Anna Opsteller", json.GetProperty("preparedBy").GetString());
        Assert.Equal(stored.Content.Spearpoints.Select(s => s.Summary.Code),
            json.GetProperty("spearpoints").EnumerateArray().Select(s => s.GetProperty("spearpoint").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AConcept_AnUnknownId_AnotherPlan_OrALaterPeildatum_AreA404InDutch()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));

        foreach (var url in new[]
        {
            $"/api/v1/plans/{ids.Plan}/reports/{ids.ConceptReport}",
            $"/api/v1/plans/{ids.Plan}/reports/{ids.ConceptReport}/pdf",
            $"/api/v1/plans/{ids.Plan}/reports/987654",
            $"/api/v1/plans/{ids.Plan}/reports/987654/pdf",
            $"/api/v1/plans/{ids.Plan + 1000}/reports/{ids.Report}",
            $"/api/v1/plans/{ids.Plan + 1000}/reports/{ids.Report}/pdf",
            $"/api/v1/plans/{ids.Plan + 1000}/reports",
            $"/api/v1/plans/{ids.Plan}/reports/{ids.Report}?peildatum=2022-12-30",
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var detail = (await ReadAsync(response)).GetProperty("detail").GetString()!;
            Assert.True(detail.Contains("rapportage", StringComparison.Ordinal) || detail.StartsWith("Plan ", StringComparison.Ordinal), detail);
        }
    }

    [Fact]
    public async Task ThePdf_IsTheStoredOne_TheSameBytesEveryTime()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));

        using var first = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports/{ids.Report}/pdf");
        using var second = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports/{ids.Report}/pdf");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType!.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        await using var db = app.Db();
        Assert.Equal(bytes, await db.ReportPdfs.Where(p => p.ReportId == ids.Report).Select(p => p.Content).SingleAsync());
    }

    [Fact]
    public async Task TheLiveScope_IsGrantedByABeheerder_AndOpensNoReadOnItsOwn()
    {
        var ids = await app.IdsAsync();
        var secret = await app.SecretAsync(ApiScopes.Live);
        using var client = app.Client(secret);

        using var response = await client.GetAsync($"/api/v1/plans/{ids.Plan}/reports");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var manager = new Actor("Manager", new HashSet<string> { DashboardRoles.Manager }, "web", "manager@test.local");
        var refused = await app.Get<Dashboard.Api.ApiTokens>().CreateAsync(manager, new Dashboard.Api.CreateApiTokenCommand("Koppeling", [ApiScopes.Live], 30));
        Assert.Equal(SaveOutcome.Forbidden, refused.Result.Outcome);
    }
}
