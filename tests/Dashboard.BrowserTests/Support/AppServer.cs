using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// The real app on a real Kestrel port, on its own temporary SQLite file seeded with the demo plan.
/// </summary>
public class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "dashboard-browser-" + Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = "";
    public string DatabaseFile => Path.Combine(_dataDir, "dashboard.db");

    /// <summary>Extra configuration for a test class that needs it.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={DatabaseFile}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return Task.CompletedTask;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The id of a demo spearpoint by its code (SP1..SP4, IS1, IS2).</summary>
    public async Task<int> SpearpointIdAsync(string code)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Spearpoints.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
