using System.Security.Claims;
using Bunit;
using Dashboard.Common;
using Dashboard.Components.Layout;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Plans;

/// <summary>The plan components on the real services and database, signed in with one role, in an interactive circuit.</summary>
public abstract class PlanComponentTestBase : ComponentTestBase
{
    protected async Task<TestApp> StartAsync(string role, bool seedDemo = true)
    {
        var app = await TestApp.InMemoryAsync(seedDemo);
        var id = await app.CreateUserAsync($"{role}@gemeente.test", role);
        foreach (var type in new[] { typeof(DashboardQueries), typeof(PlanEditor), typeof(FollowUpPlans), typeof(UserDirectory), typeof(DashboardClock), typeof(EditorKit) })
        {
            Services.AddSingleton(type, app.Services.GetRequiredService(type));
        }
        Services.AddSingleton<TimeProvider>(app.Time);
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<PlanInView>();
        var auth = AddAuthorization();
        auth.SetAuthorized(role);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return app;
    }
}
