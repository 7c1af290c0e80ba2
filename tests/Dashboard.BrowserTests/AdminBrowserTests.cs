using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>The beheerder's backup download and a plan's way out and back in, from /beheer.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AdminBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private async Task<int> PlanCountAsync()
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Plans.CountAsync();
    }

    [SkippableFact]
    public async Task TheBeheerder_DownloadsABackup_ThatIsSoundAndComplete()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Back-up downloaden" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"backup-{Guid.NewGuid():N}.db");
        await download.SaveAsAsync(file);

        try
        {
            Assert.EndsWith(".db", download.SuggestedFilename);
            await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            check.CommandText = "SELECT COUNT(*) FROM Spearpoints";
            Assert.True((long)(await check.ExecuteScalarAsync())! >= 6);
            check.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
            Assert.True((long)(await check.ExecuteScalarAsync())! >= 4);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task AManager_GetsNoBackup()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Manager);

        var response = await context.APIRequest.GetAsync(app.BaseUrl + "/beheer/backup", new() { MaxRedirects = 0 });

        Assert.NotEqual(200, response.Status);
        Assert.Contains("/Account/AccessDenied", response.Headers["location"]);
    }

    [SkippableFact]
    public async Task APlan_ExportedAndImportedAgain_BecomesANewPlan_AndABrokenFileChangesNothing()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/beheer");
        var before = await PlanCountAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Plan (JSON)" }).First.ClickAsync());
        var json = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        var broken = json.Replace(".json", "-kapot.json");
        await download.SaveAsAsync(json);
        try
        {
            Assert.Contains("Informatiegestuurd werken", await File.ReadAllTextAsync(json));

            await page.Locator("#import-file").SetInputFilesAsync(json);
            await Expect(page.Locator(".import-result")).ToHaveAttributeAsync("class", new System.Text.RegularExpressions.Regex("success"));
            Assert.Equal(before + 1, await PlanCountAsync());

            await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(json)).Replace("\"title\": \"Informatiegestuurd werken\"", "\"title\": \"\""));
            await page.Locator("#import-file").SetInputFilesAsync(broken);
            await Expect(page.Locator(".import-result .import-problems li").First).ToContainTextAsync("$.plan.spearpoints[0].title");
            await page.AssertAccessibleAsync("import problems");
            Assert.Equal(before + 1, await PlanCountAsync());
        }
        finally
        {
            File.Delete(json);
            File.Delete(broken);
        }
    }
}
