using Dashboard.BrowserTests.Support;
using Dashboard.ClusterTests.Support;
using Dashboard.Services;
using Microsoft.Playwright;

namespace Dashboard.ClusterTests;

/// <summary>
/// Every page of the app on PostgreSQL, behind nginx, as a beheerder: it answers, its circuit becomes interactive, and
/// neither instance logs an error. (PostgreSQL's driver is truly asynchronous where SQLite's completes at once, so a
/// component that renders before its data is there fails here first.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PagesTests(Cluster cluster)
{
    [SkippableFact]
    public async Task EveryPage_OnPostgreSqlBehindNginx_RendersAndBecomesInteractive_WithoutAnErrorInEitherLog()
    {
        cluster.SkipIfMissing();
        var marks = cluster.Instances.ToDictionary(i => i.Name, i => i.LogMark);
        var failures = new List<string>();
        // Each page once, the pages taking turns between the instances (the same app on the same database).
        var contexts = new List<IBrowserContext>();
        try
        {
            foreach (var instance in cluster.Instances)
            {
                contexts.Add(await cluster.SignedInContextAsync(DashboardRoles.Admin, instance));
            }
            var pages = await Task.WhenAll(contexts.Select(c => c.NewPageAsync()));
            var templates = AppRoutes.Templates.Where(t => t is not "/Account/Login" and not "/Error" and not "/not-found").ToList();
            for (var i = 0; i < templates.Count; i++)
            {
                var (instance, context, page) = (cluster.Instances[i % 2], contexts[i % 2], pages[i % 2]);
                var url = await AppRoutes.UrlAsync(cluster.Data, templates[i]);
                var response = await page.GotoAsync(cluster.BaseUrl + url);
                if (response is not { Ok: true })
                {
                    failures.Add($"{instance.Name} {url}: {response?.Status}");
                    continue;
                }
                await page.WaitForInteractiveAsync();
                if (await cluster.RouteAsync(context) is var route && route != instance.Name)
                {
                    failures.Add($"{instance.Name} {url}: served by {route}");
                }
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
        // A circuit that failed after rendering shows it only in the log.
        await Task.Delay(500);
        failures.AddRange(cluster.Instances.SelectMany(i => i.ErrorsSince(marks[i.Name]).Select(e => $"{i.Name} log: {e}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
