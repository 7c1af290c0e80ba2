using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.Briefings;
using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.ApiTests.Support;

/// <summary>The real app on a Kestrel port (the browser tests' server), with keys made through the real service.</summary>
public class ApiServer : AppServer
{
    public static readonly Actor Admin = new("Test beheerder", new HashSet<string> { DashboardRoles.Admin }, "web", "beheerder@test.local");

    /// <summary>A new key; each test makes its own, so that rate limits and idempotency keys do not mix.</summary>
    public async Task<(int Id, string Secret, string Name)> TokenAsync(params string[] scopes)
    {
        var name = "Test " + Guid.NewGuid().ToString("N")[..8];
        var created = await Get<ApiTokens>().CreateAsync(Admin, new CreateApiTokenCommand(name, scopes, 30));
        Assert.True(created.Result.Succeeded, created.Result.Message);
        return ((int)created.Result.CreatedId!, created.Secret!, name);
    }

    public async Task<string> SecretAsync(params string[] scopes) => (await TokenAsync(scopes)).Secret;

    public HttpClient Client(string? secret)
    {
        var http = CreateHttpClient();
        if (secret is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        return http;
    }

    public DashboardDbContext Db() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    /// <summary>Every row of the plan's tables (not the audit trail, which records refusals too), to prove a refused write changed nothing.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = Db();
        await db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "Plans", "Spearpoints", "StatusUpdates", "Milestones", "MilestoneRevisions", "Indicators", "Measurements", "IdempotencyRecords" })
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            text.Append('#').AppendLine(table);
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    /// <summary>Ids of the demo plan to aim at: a spearpoint, an indicator of it, an open milestone, a briefing.</summary>
    public async Task<DemoIds> IdsAsync()
    {
        await using var db = Db();
        var plan = await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var indicator = await db.Indicators.Where(i => i.Spearpoint!.PlanId == plan && i.EndedAt == null && !i.Unit.StartsWith("%"))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.SpearpointId }).FirstAsync();
        var milestone = await db.Milestones.Where(m => m.Spearpoint!.PlanId == plan && m.State != Domain.Status.Done && m.State != Domain.Status.Cancelled)
            .OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
        var briefing = await db.Briefings.Where(b => b.PlanId == plan).OrderByDescending(b => b.Date).Select(b => b.Id).FirstAsync();
        var (released, concept) = await ReportsAsync(plan);
        return new DemoIds(plan, indicator.SpearpointId, indicator.Id, milestone, briefing, released, concept);
    }

    public static readonly Actor Preparer = new("Anna Opsteller", new HashSet<string> { DashboardRoles.Manager }, UserId: "api-test-preparer");
    public static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "api-test-releaser");
    private readonly SemaphoreSlim _reportsGate = new(1, 1);
    private (int Released, int Concept)? _reports;

    /// <summary>A released rapportage (peildatum 31 December 2022) and a concept (30 June 2023) of the plan, made once per server through the editor.</summary>
    private async Task<(int Released, int Concept)> ReportsAsync(int plan)
    {
        await _reportsGate.WaitAsync();
        try
        {
            if (_reports is { } made)
            {
                return made;
            }
            await TestAccounts.ForAsync(Services, Preparer, Releaser);
            var editor = Get<Dashboard.Reports.ReportEditor>();
            var created = await editor.CreateAsync(Preparer, new Dashboard.Reports.CreateReportCommand(plan, new DateOnly(2022, 12, 31), "Het eerste halfjaar, vastgesteld."));
            Assert.True(created.Succeeded, created.Message);
            var id = (int)created.CreatedId!;
            var submitted = await editor.SubmitAsync(Preparer, new Dashboard.Reports.ReportStepCommand(plan, id, created.Version!.Value));
            Assert.True(submitted.Succeeded, submitted.Message);
            var released = await editor.ReleaseAsync(Releaser, new Dashboard.Reports.ReportStepCommand(plan, id, submitted.Version!.Value));
            Assert.True(released.Succeeded, released.Message);
            var concept = await editor.CreateAsync(Preparer, new Dashboard.Reports.CreateReportCommand(plan, new DateOnly(2023, 6, 30), "Nog niet vastgesteld."));
            Assert.True(concept.Succeeded, concept.Message);
            _reports = (id, (int)concept.CreatedId!);
            return _reports.Value;
        }
        finally
        {
            _reportsGate.Release();
        }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

/// <summary>The ids the tests aim at; <see cref="Report"/> is a released rapportage, <see cref="ConceptReport"/> a concept.</summary>
public sealed record DemoIds(int Plan, int Spearpoint, int Indicator, int Milestone, int Briefing, int Report, int ConceptReport);
