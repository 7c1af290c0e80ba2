using System.Data.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.AspNetCore.Identity;
using Dashboard.Extensions;
using Dashboard.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app's own service wiring on a real SQLite database with the real migrations: in memory
/// (shared cache, kept alive by one open connection) or, for concurrency, a temporary file.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>A Tuesday afternoon in Dutch time, after the demo plan has ended.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection _keepAlive;
    private readonly string? _file;
    private bool _ownsFile = true;

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public QueryCounter Queries { get; } = new();
    public string ConnectionString { get; }

    private TestApp(string connectionString, string? file, IDictionary<string, string?>? settings, DateTimeOffset now)
    {
        ConnectionString = connectionString;
        _file = file;
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();

        Time = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInterceptor>(Queries);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory, ApplicationName = "Dashboard",
        });
        services.AddDashboardDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));
        services.AddDashboardServices(configuration);
        services.AddDashboardIdentity(configuration);
        // The brief's components (the PDF of a digest) render with MudBlazor.
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(services);
        services.AddScoped<Microsoft.JSInterop.IJSRuntime, NoJavaScript>();
        services.AddScoped<Microsoft.AspNetCore.Components.NavigationManager, NoNavigation>();
        Services = services.BuildServiceProvider();
    }

    public static Task<TestApp> InMemoryAsync(bool seedDemo = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null) =>
        StartAsync(new TestApp($"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared", null, settings, now ?? DefaultNow), seedDemo);

    public static Task<TestApp> FileAsync(bool seedDemo = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
        return StartAsync(new TestApp($"Data Source={file}", file, settings, now ?? DefaultNow), seedDemo);
    }

    /// <summary>
    /// The app's services on an existing file (a backup, a restored database), or on a new empty one
    /// when <paramref name="migrate"/> is false. The file is left in place afterwards.
    /// </summary>
    public static async Task<TestApp> OnFileAsync(string file, bool migrate = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var app = new TestApp($"Data Source={file}", file, settings, now ?? DefaultNow) { _ownsFile = false };
        return migrate ? await StartAsync(app, seedDemo: false) : app;
    }

    private static async Task<TestApp> StartAsync(TestApp app, bool seedDemo)
    {
        await using var db = app.CreateDb();
        await db.Database.MigrateAsync();
        if (app._file is not null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }
        if (seedDemo)
        {
            db.Plans.Add(DemoPlan.Build());
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in DashboardRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        app.Queries.Reset();
        return app;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates a user with one role through Identity, as the beheerder would; returns the user's id.</summary>
    public async Task<string> CreateUserAsync(string email, string role, string password = "een lange testzin voor iedereen", string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = name ?? email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    public DashboardDbContext CreateDb() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    /// <summary>Ids of the demo spearpoints by code (SP1..SP4, IS1, IS2).</summary>
    public async Task<int> SpearpointIdAsync(string code)
    {
        await using var db = CreateDb();
        return await db.Spearpoints.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _keepAlive.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_file is not null && _ownsFile)
        {
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}

/// <summary>Rendering without a browser (HtmlRenderer): there is no page to call; a component's clean-up call does nothing.</summary>
internal sealed class NoJavaScript : Microsoft.JSInterop.IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        ValueTask.FromResult(default(TValue)!);
}

internal sealed class NoNavigation : Microsoft.AspNetCore.Components.NavigationManager
{
    public NoNavigation() => Initialize("http://localhost/", "http://localhost/");
}

/// <summary>Counts the SQL commands EF sends (PRAGMAs of the connection set-up not included).</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
