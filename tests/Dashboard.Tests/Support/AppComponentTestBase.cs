using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Dashboard.Common;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Resources;
using Dashboard.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Tests.Support;

/// <summary>
/// Components on the real services and database, signed in with one role, in an interactive circuit; with the
/// dialog and popover providers of the layout for the dialogs.
/// </summary>
public abstract class AppComponentTestBase : ComponentTestBase
{
    protected TestApp App { get; private set; } = default!;
    protected string UserId { get; private set; } = "";

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();
    protected IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>Signs in with <paramref name="role"/>; <paramref name="more"/> are the app's services a feature's components need besides.</summary>
    protected async Task StartAsync(string role = DashboardRoles.Manager, string name = "Manager Test", IReadOnlyList<Type>? more = null)
    {
        App = await TestApp.InMemoryAsync();
        UserId = await App.CreateUserAsync($"{role}@gemeente.test", role, name: name);
        foreach (var type in new[] { typeof(DashboardQueries), typeof(CouncilReads), typeof(LiveUpdates), typeof(UserDirectory), typeof(DashboardClock), typeof(EditorKit),
                     typeof(SpearpointEditor), typeof(IndicatorEditor), typeof(StatusEditor), typeof(MilestoneEditor) }.Concat(more ?? []))
        {
            Services.AddSingleton(type, App.Services.GetRequiredService(type));
        }
        Services.AddSingleton<TimeProvider>(App.Time);
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected Task<Actor> ActorAsync() => App.Get<UserDirectory>().ActorForAsync(UserId);

    /// <summary>The layout's providers, for a dialog to open in.</summary>
    protected IRenderedComponent<ContainerFragment> RenderProviders() => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
    });

    /// <summary>The input a field's label names, as a screen reader finds it.</summary>
    protected static IElement Field(IRenderedComponent<ContainerFragment> cut, string label)
    {
        var l = cut.FindAll("label").First(e => e.TextContent.Trim().TrimEnd('*').Trim() == label);
        return cut.Find($"#{l.GetAttribute("for")}");
    }

    /// <summary>The helper or error text under a field.</summary>
    protected static string TextAt(IRenderedComponent<ContainerFragment> cut, string label)
    {
        var input = Field(cut, label);
        var control = input.Closest(".mud-input-control")!;
        return control.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
