using System.Net.Http.Headers;
using System.Text;
using Dashboard.Api;
using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>A measurement delivered by another system through the API shows on an open spearpoint page at once.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ApiBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    [SkippableFact]
    public async Task AMeasurementPostedThroughTheApi_AppearsOnAnOpenSpearpointPage_WithoutReload()
    {
        int planId, spearpointId, indicatorId;
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var indicator = await db.Indicators.Where(i => i.EndedAt == null && !i.Unit.StartsWith("%"))
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.SpearpointId, i.Spearpoint!.PlanId }).FirstAsync();
            (planId, spearpointId, indicatorId) = (indicator.PlanId, indicator.SpearpointId, indicator.Id);
        }
        var admin = new Actor("Test beheerder", new HashSet<string> { DashboardRoles.Admin });
        var token = await app.Get<ApiTokens>().CreateAsync(admin, new CreateApiTokenCommand("Browsertest", [ApiScopes.Measurements], 1));

        // A presenter sees live; the demo plan's council sees its released rapportages.
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{spearpointId}");
        var value = page.Locator($"[data-indicator-chart='{indicatorId}'] .indicator-chart-value");
        await Expect(value).Not.ToContainTextAsync("777");

        using var http = app.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        using var response = await http.PostAsync($"/api/v1/plans/{planId}/indicators/{indicatorId}/measurements",
            new StringContent("""{"date":"2023-12-31","value":777,"note":"Geleverd via de API"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        await Expect(value).ToContainTextAsync("777");
    }
}
