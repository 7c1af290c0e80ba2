using System.Net;
using Dashboard.Api;
using Dashboard.ApiTests.Support;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Microsoft.EntityFrameworkCore;
using static Dashboard.ApiTests.Support.ApiServer;

namespace Dashboard.ApiTests;

/// <summary>
/// A key limited to plans, against the real app on a Kestrel port: it reads and writes its own plan, and any other plan is
/// not there for its reads and refused (audited) for its writes, whatever its scopes.
/// </summary>
[Trait("Category", "Api")]
public class PlanLimitTests(ApiServer app) : IClassFixture<ApiServer>
{
    private const string Measurement = """{"date":"2026-03-31","value":7,"note":"Uit de koppeling"}""";

    /// <summary>A second plan beside the demo plan, with a spearpoint and an indicator, made through the services.</summary>
    private async Task<(int Plan, int Indicator)> OtherPlanAsync()
    {
        var created = await app.Get<PlanEditor>().CreateAsync(Admin, new CreatePlanCommand("Jaarplan team Noord 2026", "Gemeente Maastricht",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null));
        Assert.True(created.Succeeded, created.Message);
        var plan = (int)created.CreatedId!;
        await using var db = app.Db();
        var spearpoint = new Spearpoint { PlanId = plan, Code = "N1", Title = "Handhaven in Noord", Kind = SpearpointKind.Development, SortOrder = 1 };
        spearpoint.Indicators.Add(new Indicator { Name = "Controles", Unit = "", Baseline = 0, Target = 100, CreatedAt = DateTime.UtcNow.AddYears(-1) });
        db.Spearpoints.Add(spearpoint);
        await db.SaveChangesAsync();
        return (plan, spearpoint.Indicators.Single().Id);
    }

    [Fact]
    public async Task AKeyLimitedToAPlan_ReadsAndWritesOnlyThatPlan_AndIsRefusedElsewhere_Audited()
    {
        var demo = await app.IdsAsync();
        var (other, otherIndicator) = await OtherPlanAsync();
        var created = await app.Get<ApiTokens>().CreateAsync(Admin,
            new CreateApiTokenCommand("Koppeling Noord", [ApiScopes.Read, ApiScopes.Measurements], 30, [other]));
        Assert.True(created.Result.Succeeded, created.Result.Message);
        Assert.Equal([other], created.Token!.Plans);
        using var client = app.Client(created.Secret);

        using var list = await client.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal([other], (await ReadAsync(list)).GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        using var own = await client.GetAsync($"/api/v1/plans/{other}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        foreach (var url in new[] { $"/api/v1/plans/{demo.Plan}", $"/api/v1/plans/{demo.Plan}/spearpoints/{demo.Spearpoint}",
                     $"/api/v1/plans/{demo.Plan}/briefings", $"/api/v1/plans/{demo.Plan}/reports" })
        {
            using var refused = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var before = await app.SnapshotAsync();
        using var elsewhere = await client.PostAsync($"/api/v1/plans/{demo.Plan}/indicators/{demo.Indicator}/measurements", Json(Measurement));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync());
        await using (var db = app.Db())
        {
            var refusal = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == "AddMeasurement");
            Assert.Equal(AuditResult.Forbidden, refusal.Result);
            Assert.Equal("API-sleutel ‘Koppeling Noord’", refusal.Actor);
        }

        using var stored = await client.PostAsync($"/api/v1/plans/{other}/indicators/{otherIndicator}/measurements", Json(Measurement));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
    }

    [Fact]
    public async Task AKeyLimitedToAPlanThatDoesNotExist_IsRefusedNamingPlannen_AndNothingIsStored()
    {
        await using var db = app.Db();
        var before = await db.ApiTokens.CountAsync();

        var created = await app.Get<ApiTokens>().CreateAsync(Admin, new CreateApiTokenCommand("Koppeling nergens", [ApiScopes.Read], 30, [987654]));

        Assert.False(created.Result.Succeeded);
        Assert.Contains("Plannen", created.Result.FieldErrors!["Plans"]);
        Assert.Null(created.Secret);
        Assert.Equal(before, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task AKeyWithoutALimit_StillReachesEveryPlan()
    {
        var (other, _) = await OtherPlanAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read));

        using var list = await client.GetAsync("/api/v1/plans");

        var ids = (await ReadAsync(list)).GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(other, ids);
        Assert.Contains((await app.IdsAsync()).Plan, ids);
    }
}
