using Dashboard.BrowserTests.Support;
using Dashboard.ClusterTests.Support;
using Dashboard.Editing;

namespace Dashboard.ClusterTests;

/// <summary>
/// Every page of the app on PostgreSQL, behind nginx, as a beheerder: it answers, its circuit becomes interactive, and
/// neither instance logs an error. (PostgreSQL's driver is truly asynchronous where SQLite's completes at once, so a
/// component that renders before its data is there fails here first.)
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PagesTests(Cluster cluster)
{
    [SkippableFact]
    public async Task EveryPage_OnPostgreSqlBehindNginx_RendersAndBecomesInteractive_WithoutAnErrorInEitherLog()
    {
        cluster.SkipIfMissing();
        var marks = cluster.Instances.ToDictionary(i => i.Name, i => i.LogMark);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var templates = AppRoutes.Templates.Where(t => t is not "/Account/Login" and not "/Error" and not "/not-found").ToList();
        // Each page once, the pages shared out between the instances (the same app on the same database), both at a time.
        await Task.WhenAll(cluster.Instances.Select(async (instance, lane) =>
        {
            await using var context = await cluster.SignedInContextAsync(DashboardRoles.Admin, instance);
            var page = await context.NewPageAsync();
            foreach (var template in templates.Where((_, i) => i % cluster.Instances.Count == lane))
            {
                var url = await AppRoutes.UrlAsync(cluster.Data, template);
                var response = await page.GotoAsync(cluster.BaseUrl + url);
                if (response is not { Ok: true })
                {
                    failures.Enqueue($"{instance.Name} {url}: {response?.Status}");
                    continue;
                }
                await page.WaitForInteractiveAsync();
                if (await cluster.RouteAsync(context) is var route && route != instance.Name)
                {
                    failures.Enqueue($"{instance.Name} {url}: served by {route}");
                }
            }
        }));
        // A circuit that failed after rendering shows it only in the log.
        await Task.Delay(500);
        var all = failures.Concat(cluster.Instances.SelectMany(i => i.ErrorsSince(marks[i.Name]).Select(e => $"{i.Name} log: {e}"))).ToList();
        Assert.True(all.Count == 0, string.Join("\n\n", all));
    }
}
