using System.Data.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Security;
using Dashboard.Servers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app's own service wiring on a real database with the real migrations. On SQLite (the default): in memory
/// (shared cache, kept alive by one open connection), copied from a template that the migrations and start-up (roles,
/// demo plan) made once per process, or, for concurrency, a temporary file made as that template was. On PostgreSQL
/// (<see cref="Provider"/>, set by the PostgreSQL test project): a fresh database on the test server for each app,
/// copied from a template that the PostgreSQL migrations and the same start-up as on SQLite (roles, demo plan) made
/// once per process, and dropped at the end.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>A Tuesday afternoon in Dutch time, after the demo plan has ended.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    /// <summary>The database every app of this test process runs on.</summary>
    public static DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>On PostgreSQL: the migrated database, and its two copies with the roles, without and with the demo plan.</summary>
    private static readonly Lazy<Task<string>> PostgresMigrated = new(MakeMigratedAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<string>>[] PostgresTemplates =
    [
        new(() => MakePostgresTemplateAsync(seedDemo: false), LazyThreadSafetyMode.ExecutionAndPublication),
        new(() => MakePostgresTemplateAsync(seedDemo: true), LazyThreadSafetyMode.ExecutionAndPublication),
    ];

    /// <summary>
    /// On SQLite in memory: an in-memory database made by <see cref="StartAsync"/>, without and with the demo plan, once
    /// per process and kept alive by this open connection; each app gets a page-by-page copy (SQLite's online backup).
    /// Migrating every database instead costs about 0.2 s of CPU each, most of the fast loop's time.
    /// </summary>
    private static readonly Lazy<Task<SqliteConnection>>[] SqliteTemplates =
    [
        new(() => MakeSqliteTemplateAsync(seedDemo: false), LazyThreadSafetyMode.ExecutionAndPublication),
        new(() => MakeSqliteTemplateAsync(seedDemo: true), LazyThreadSafetyMode.ExecutionAndPublication),
    ];

    private readonly SqliteConnection? _keepAlive;
    private readonly string? _file;
    private readonly string? _database;
    private bool _ownsFile = true;

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public QueryCounter Queries { get; } = new();
    public string ConnectionString { get; }
    public DatabaseSettings Database { get; }

    private TestApp(DatabaseSettings database, string? file, string? postgresDatabase, IDictionary<string, string?>? settings, DateTimeOffset now)
    {
        Database = database;
        ConnectionString = database.ConnectionString;
        _file = file;
        _database = postgresDatabase;
        if (!database.IsPostgres)
        {
            _keepAlive = new SqliteConnection(database.ConnectionString);
            _keepAlive.Open();
        }

        Time = new FakeTimeProvider(now);
        // No role must set up a second factor here unless a test says so (the tests of it): the accounts the other tests
        // make as beheerder act at once, as they did before Security:RequireTwoFactorFor existed.
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Security:RequireTwoFactorFor", "");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
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
        services.AddDashboardDatabase(database);
        services.AddDashboardServices(configuration);
        services.AddDashboardIdentity(configuration);
        // The brief's components (the PDF of a digest) render with MudBlazor.
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(services);
        services.AddScoped<Microsoft.JSInterop.IJSRuntime, NoJavaScript>();
        services.AddScoped<Microsoft.AspNetCore.Components.NavigationManager, NoNavigation>();
        Services = services.BuildServiceProvider();
    }

    private static TestApp OnSqlite(string connectionString, string? file, IDictionary<string, string?>? settings, DateTimeOffset now) =>
        new(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString), file, null, settings, now);

    public static Task<TestApp> InMemoryAsync(bool seedDemo = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null) =>
        Provider == DatabaseProvider.Postgres
            ? OnPostgresAsync(seedDemo, settings, now ?? DefaultNow)
            : CopyOfSqliteTemplateAsync(OnSqlite(InMemory(), null, settings, now ?? DefaultNow), seedDemo);

    private static string InMemory() => $"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";

    private static async Task<TestApp> CopyOfSqliteTemplateAsync(TestApp app, bool seedDemo)
    {
        try
        {
            var template = await SqliteTemplates[seedDemo ? 1 : 0].Value;
            lock (template) // one connection, not to be used by two threads at once
            {
                template.BackupDatabase(app._keepAlive!);
            }
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<SqliteConnection> MakeSqliteTemplateAsync(bool seedDemo)
    {
        var template = new SqliteConnection(InMemory());
        template.Open();
        await using var app = await StartAsync(OnSqlite(InMemory(), null, null, DefaultNow), seedDemo);
        app._keepAlive!.BackupDatabase(template);
        return template;
    }

    /// <summary>A database on disk, for concurrency (on PostgreSQL every database is: the same as <see cref="InMemoryAsync"/>).</summary>
    public static Task<TestApp> FileAsync(bool seedDemo = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            return OnPostgresAsync(seedDemo, settings, now ?? DefaultNow);
        }
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
        return StartAsync(OnSqlite($"Data Source={file}", file, settings, now ?? DefaultNow), seedDemo);
    }

    /// <summary>
    /// The app's services on an existing SQLite file (a backup, a restored database), or on a new empty one
    /// when <paramref name="migrate"/> is false. The file is left in place afterwards.
    /// </summary>
    public static async Task<TestApp> OnFileAsync(string file, bool migrate = true, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var app = OnSqlite($"Data Source={file}", file, settings, now ?? DefaultNow);
        app._ownsFile = false;
        return migrate ? await StartAsync(app, seedDemo: false) : app;
    }

    /// <summary>
    /// A second instance of the app: its own services (and clock) on this app's database, as another server would
    /// have. This app's database must be a file on SQLite (<see cref="FileAsync"/>). The database stays this app's.
    /// </summary>
    public async Task<TestApp> SecondInstanceAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        if (Database.IsPostgres)
        {
            var other = new TestApp(Database, null, null, settings, now ?? DefaultNow);
            await other.ListenAsync();
            return other;
        }
        return await OnFileAsync(_file ?? throw new InvalidOperationException("A second instance needs a database file: start this app with FileAsync."),
            settings: settings, now: now);
    }

    private static async Task<TestApp> OnPostgresAsync(bool seedDemo, IDictionary<string, string?>? settings, DateTimeOffset now)
    {
        var server = RequirePostgres();
        // A copy of a template that StartAsync made, as on SQLite: the same rows, in a tenth of the time.
        var database = await server.CreateDatabaseAsync(await PostgresTemplates[seedDemo ? 1 : 0].Value);
        TestApp? app = null;
        try
        {
            app = new TestApp(new DatabaseSettings(DatabaseProvider.Postgres, server.ConnectionString(database)), null, database, settings, now);
            await app.ListenAsync();
            return app;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            else
            {
                await server.DropDatabaseAsync(database);
            }
            throw;
        }
    }

    private static PostgresServer RequirePostgres() =>
        PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.WhyNot);

    /// <summary>An empty database with the PostgreSQL migrations applied, once per process.</summary>
    private static async Task<string> MakeMigratedAsync()
    {
        var server = RequirePostgres();
        var template = await server.CreateDatabaseAsync();
        await using (var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(Unpooled(server, template)).Options))
        {
            await db.Database.MigrateAsync();
        }
        server.DropAtExit(template);
        return template;
    }

    /// <summary>A copy of the migrated database with what <see cref="StartAsync"/> adds (the roles, the demo plan), once per process.</summary>
    private static async Task<string> MakePostgresTemplateAsync(bool seedDemo)
    {
        var server = RequirePostgres();
        var template = await server.CreateDatabaseAsync(await PostgresMigrated.Value);
        await using (var app = new TestApp(new DatabaseSettings(DatabaseProvider.Postgres, Unpooled(server, template)), null, null, null, DefaultNow))
        {
            await StartAsync(app, seedDemo);
        }
        server.DropAtExit(template);
        return template;
    }

    /// <summary>No pooled connection may stay open on a template that is being copied.</summary>
    private static string Unpooled(PostgresServer server, string database) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString(database)) { Pooling = false }.ConnectionString;

    /// <summary>On PostgreSQL, as the web app does: the connection that hears the changes every instance commits.</summary>
    private async Task ListenAsync()
    {
        if (!Database.IsPostgres)
        {
            return;
        }
        var listener = Get<PostgresChangeListener>();
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<TestApp> StartAsync(TestApp app, bool seedDemo)
    {
        await using var db = app.CreateDb();
        if (!app.Database.IsPostgres)
        {
            // On PostgreSQL the database it makes a template of was copied from one with the migrations.
            await db.Database.MigrateAsync();
        }
        if (app._file is not null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }
        if (seedDemo)
        {
            var plan = DemoPlan.Build();
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            // Its technische vragen and rapportages, as DatabaseInitializer seeds them: two released, one ter vaststelling.
            await Dashboard.Questions.DemoQuestions.AddAsync(db, plan, CancellationToken.None);
            await db.SaveChangesAsync();
            await app.Get<Dashboard.Reports.DemoReports>().SeedAsync(plan.Id);
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

    /// <summary>
    /// Creates a user with one role through Identity, as the beheerder would; returns the user's id. A manager is made
    /// redacteur of every plan there is, as the upgrade to rights per plan did for the managers it found, unless
    /// <paramref name="editsPlans"/> is false (the tests of those rights).
    /// </summary>
    public async Task<string> CreateUserAsync(string email, string role, string password = "een lange testzin voor iedereen", string? name = null,
        bool editsPlans = true)
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
        if (editsPlans && role == DashboardRoles.Manager)
        {
            await using var db = CreateDb();
            db.PlanEditors.AddRange(await db.Plans.Select(p => new PlanEditorship { PlanId = p.Id, UserId = user.Id }).ToListAsync());
            await db.SaveChangesAsync();
        }
        return user.Id;
    }

    /// <inheritdoc cref="TestAccounts.ForAsync"/>
    public Task AccountsForAsync(params Actor[] actors) => TestAccounts.ForAsync(Services, actors);

    public DashboardDbContext CreateDb() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    /// <summary>Ids of the demo spearpoints by code (SP1..SP4, IS1, IS2).</summary>
    public async Task<int> SpearpointIdAsync(string code)
    {
        await using var db = CreateDb();
        return await db.Spearpoints.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Database.IsPostgres)
        {
            await Get<PostgresChangeListener>().StopAsync(CancellationToken.None);
            await Services.DisposeAsync();
            if (_database is not null)
            {
                await RequirePostgres().DropDatabaseAsync(_database);
            }
            return;
        }
        await Services.DisposeAsync();
        await _keepAlive!.DisposeAsync();
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
