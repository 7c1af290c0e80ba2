using System.Net;
using System.Text.Json;
using Dashboard.Benchmarks.Baseline;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>A bare Blazor Server app with one small live component, with the same /bench endpoints.</summary>
public static class BaselineServer
{
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(BaselineServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(BenchApi.DropClosedCircuits);
        builder.Services.AddSingleton<BaselineNews>();
        builder.Services.AddSingleton<IBenchTarget, BaselineTarget>();
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());

        var app = builder.Build();
        app.Map("/bench", b => b.Run(BenchApi.HandleAsync));
        // blazor.web.js for real browsers: the framework's own file, found through the dashboard's asset manifest.
        if (BlazorScript() is { } script)
        {
            app.MapGet("/_framework/blazor.web.js", () => Results.File(script, "text/javascript"));
        }
        app.UseAntiforgery();
        app.MapRazorComponents<BaselineApp>().AddInteractiveServerRenderMode();
        return app;
    }

    private static string? BlazorScript()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "Dashboard.staticwebassets.runtime.json");
        if (!File.Exists(manifest))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        var roots = doc.RootElement.GetProperty("ContentRoots").EnumerateArray().Select(e => e.GetString()!).ToList();
        if (doc.RootElement.GetProperty("Root").GetProperty("Children").TryGetProperty("_framework", out var framework)
            && framework.GetProperty("Children").TryGetProperty("blazor.web.js", out var node)
            && node.GetProperty("Asset") is { ValueKind: JsonValueKind.Object } asset)
        {
            var path = Path.Combine(roots[asset.GetProperty("ContentRootIndex").GetInt32()], asset.GetProperty("SubPath").GetString()!);
            return File.Exists(path) ? path : null;
        }
        return null;
    }

    private sealed class BaselineTarget(BaselineNews news) : IBenchTarget
    {
        public ValueTask<int> SubscribersAsync() => ValueTask.FromResult(news.SubscriberCount);

        public long LiveReads => 0;

        public Task<SaveAck> SaveAsync(string text, CancellationToken ct)
        {
            var ack = BenchApi.Started();
            news.Publish(text);
            return Task.FromResult(ack);
        }
    }
}
