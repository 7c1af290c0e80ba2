using System.Security.Claims;
using Bunit;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Layout;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Reports;

/// <summary>The rapportage components on the real services and the demo plan, signed in as one account, in an interactive circuit.</summary>
public abstract class ReportComponentTestBase : ComponentTestBase
{
    protected static readonly DateOnly EndOf2022 = new(2022, 12, 31);

    /// <summary>Who prepares the rapportages the tests start from: not the one signed in, unless a test says so.</summary>
    protected static readonly Actor Preparer = new("Anna Opsteller", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-anna");
    protected static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");

    protected TestApp App { get; private set; } = default!;
    protected int PlanId { get; private set; }
    /// <summary>The signed-in account's id.</summary>
    protected string UserId { get; private set; } = "";

    protected async Task<TestApp> StartAsync(string role)
    {
        App = await TestApp.InMemoryAsync();
        UserId = await App.CreateUserAsync($"{role}@gemeente.test", role);
        await App.AccountsForAsync(Preparer, Releaser);
        foreach (var type in new[] { typeof(ReportQueries), typeof(ReportEditor), typeof(BriefingQueries), typeof(DashboardQueries),
                     typeof(UserDirectory), typeof(DashboardClock), typeof(EditorKit) })
        {
            Services.AddSingleton(type, App.Services.GetRequiredService(type));
        }
        Services.AddSingleton<TimeProvider>(App.Time);
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<PlanInView>();
        var auth = AddAuthorization();
        auth.SetAuthorized(role);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        await using var db = App.CreateDb();
        PlanId = await db.Plans.Select(p => p.Id).SingleAsync();
        return App;
    }

    protected async Task<(int Id, int Version)> ConceptAsync(string summary = "Het team ligt op koers.", Actor? by = null)
    {
        var created = await App.Get<ReportEditor>().CreateAsync(by ?? Preparer, new CreateReportCommand(PlanId, EndOf2022, summary));
        Assert.True(created.Succeeded, created.Message);
        return ((int)created.CreatedId!, created.Version!.Value);
    }

    protected async Task<(int Id, int Version)> HandedInAsync(string summary = "Ter vaststelling aangeboden.", Actor? by = null)
    {
        var (id, version) = await ConceptAsync(summary, by);
        var submitted = await App.Get<ReportEditor>().SubmitAsync(by ?? Preparer, new ReportStepCommand(PlanId, id, version));
        Assert.True(submitted.Succeeded, submitted.Message);
        return (id, submitted.Version!.Value);
    }

    protected async Task<int> ReleasedAsync(string summary = "Vastgestelde stand.")
    {
        var (id, version) = await HandedInAsync(summary);
        var released = await App.Get<ReportEditor>().ReleaseAsync(Releaser, new ReportStepCommand(PlanId, id, version));
        Assert.True(released.Succeeded, released.Message);
        return id;
    }

    protected async Task<ReportState> StateOfAsync(int id)
    {
        await using var db = App.CreateDb();
        return await db.Reports.Where(r => r.Id == id).Select(r => r.State).SingleAsync();
    }

    protected static IEnumerable<string> Buttons<T>(IRenderedComponent<T> page) where T : IComponent =>
        page.FindAll("button").Select(b => b.TextContent.Trim());
}
