using System.Security.Claims;
using Bunit;
using Dashboard.Api;
using Dashboard.Common;
using Dashboard.Components.Admin;
using Dashboard.Editing;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Admin;

/// <summary>The API-sleutels panel on the real service: a key is shown once and stored as a hash, and revoked after a confirmation.</summary>
[Trait("Category", "Fast")]
public class ApiTokensPanelTests : ComponentTestBase
{
    private async Task<TestApp> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        var id = await app.CreateUserAsync("beheerder@gemeente.test", DashboardRoles.Admin, name: "Bea Beheer");
        foreach (var type in new[] { typeof(UserDirectory), typeof(DashboardClock), typeof(EditorKit), typeof(Dashboard.Progress.DashboardQueries) })
        {
            Services.AddSingleton(type, app.Services.GetRequiredService(type));
        }
        Services.AddSingleton(ActivatorUtilities.CreateInstance<ApiTokens>(app.Services));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ApiOptions()));
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized("beheerder@gemeente.test");
        auth.SetRoles(DashboardRoles.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return app;
    }

    [Fact]
    public async Task AKeyIsShownOnce_StoredAsAHash_AndRevokedAfterConfirmation()
    {
        await using var app = await StartAsync();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<ApiTokensPanel>();
        panel.WaitForAssertion(() => Assert.Contains("nog geen API-sleutels", panel.Markup));

        panel.Find(".api-token-name input").Change("Meldingen-koppeling");
        panel.Find(".api-scope-measurements input").Change(true);
        panel.Find("form.api-token-form").Submit();

        var secret = "";
        panel.WaitForAssertion(() =>
        {
            secret = panel.Find("#api-token-secret").TextContent.Trim();
            Assert.StartsWith("vd_", secret);
            Assert.Contains("één keer", panel.Find(".api-token-secret").TextContent);
            Assert.Equal("api-token-secret", panel.Find("[data-copy]").GetAttribute("data-copy"));
            Assert.Contains("read, measurements", panel.Find("tr[data-token='Meldingen-koppeling']").TextContent);
        });
        await using (var db = app.CreateDb())
        {
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal(ApiTokens.Hash(secret), stored.Hash);
            Assert.DoesNotContain(secret, stored.Prefix + stored.Name + stored.Scopes + stored.CreatedBy);
            Assert.Contains("Bea Beheer", stored.CreatedBy);
        }

        panel.Find("tr[data-token='Meldingen-koppeling'] button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Meldingen-koppeling", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Intrekken").Click();

        panel.WaitForAssertion(() => Assert.Contains("Ingetrokken op", panel.Find("tr[data-token='Meldingen-koppeling']").TextContent));
        Assert.Null(await Services.GetRequiredService<ApiTokens>().AuthenticateAsync(secret));
    }

    [Fact]
    public async Task WithoutANameOrAScope_TheFieldsSayWhatIsMissing_AndNoKeyIsMade()
    {
        await using var app = await StartAsync();
        var panel = Render<ApiTokensPanel>();
        panel.Find(".api-scope-read input").Change(false);
        panel.Find("form.api-token-form").Submit();

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("Naam", panel.Find(".api-token-name").TextContent);
            Assert.Contains("Scopes", panel.Find("[role=alert]").TextContent);
        });
        Assert.Empty(panel.FindAll("#api-token-secret"));
        await using var db = app.CreateDb();
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }
}
