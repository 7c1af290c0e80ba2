using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Security;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Dashboard.Tests.Servers;

/// <summary>
/// One instance of the app's services on a shared PostgreSQL database, with its own listening connection: several of
/// these on one database are several servers, as far as the data and the change events go.
/// </summary>
public sealed class ServerInstance : IAsyncDisposable
{
    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public PostgresChangeListener Listener => Get<PostgresChangeListener>();

    private ServerInstance(string connectionString, FakeTimeProvider time)
    {
        Time = time;
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory, ApplicationName = "Dashboard",
        });
        services.AddDashboardDatabase(new DatabaseSettings(DatabaseProvider.Postgres, connectionString));
        services.AddDashboardServices(configuration);
        services.AddDashboardIdentity(configuration);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Starts an instance and waits until it listens.</summary>
    public static async Task<ServerInstance> StartAsync(string connectionString, FakeTimeProvider time, bool listen = true)
    {
        var instance = new ServerInstance(connectionString, time) { _listens = listen };
        if (!listen)
        {
            return instance;
        }
        await instance.Listener.StartAsync(CancellationToken.None);
        await instance.Listener.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return instance;
    }

    private bool _listens;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (_listens)
        {
            await Listener.StopAsync(CancellationToken.None);
        }
        await Services.DisposeAsync();
    }
}

/// <summary>
/// Two or three instances of the app's services on one PostgreSQL database: a save, a presenter's move and a job as
/// they cross instances (issue 13). The whole browser-and-nginx version is tests/Dashboard.ClusterTests.
/// </summary>
[Trait("Category", "Postgres")]
public class ServersTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TestApp.DefaultNow);
    private string _database = "";
    private string ConnectionString => PostgresServer.Shared!.ConnectionString(_database);

    public async Task InitializeAsync()
    {
        if (PostgresProvider.SkipReason is not null)
        {
            return; // every test is skipped, with the reason
        }
        var server = PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.WhyNot);
        _database = await server.CreateDatabaseAsync();
        await using var setup = await ServerInstance.StartAsync(ConnectionString, _time, listen: false);
        await using var db = await setup.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        db.Plans.Add(DemoPlan.Build());
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.Shared!.DropDatabaseAsync(_database);
        }
    }

    private static Actor Manager => Actors.Manager();
    private static Actor Presenter => Actors.Presenter;

    private static async Task<SpearpointSummary> Sp(ServerInstance instance, string code) =>
        (await instance.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development.Single(s => s.Code == code);

    private static (List<TaskCompletionSource<SpearpointDetail>> Received, List<IDisposable> Subscriptions) Viewers(ServerInstance instance, int spearpointId, int count)
    {
        var received = new List<TaskCompletionSource<SpearpointDetail>>();
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < count; i++)
        {
            var tcs = new TaskCompletionSource<SpearpointDetail>(TaskCreationOptions.RunContinuationsAsynchronously);
            received.Add(tcs);
            subscriptions.Add(instance.Get<LiveUpdates>().Subscribe(spearpointId, d =>
            {
                if (d.Summary.Latest?.Explanation?.StartsWith("Over", StringComparison.Ordinal) == true)
                {
                    tcs.TrySetResult(d);
                }
                return Task.CompletedTask;
            }));
        }
        return (received, subscriptions);
    }

    [Fact]
    public async Task ASaveOnOneInstance_ReachesTheViewersOfBoth_WithOneReadPerInstance()
    {
        await using var a = await ServerInstance.StartAsync(ConnectionString, _time);
        await using var b = await ServerInstance.StartAsync(ConnectionString, _time);
        var sp2 = await Sp(a, "SP2");
        var onA = Viewers(a, sp2.Id, 5);
        var onB = Viewers(b, sp2.Id, 5);

        var result = await a.Get<StatusEditor>().SaveStatusAsync(Manager,
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.Delayed, "Over twee servers", "O", "G", "B"));

        Assert.True(result.Succeeded);
        var details = await Task.WhenAll(onA.Received.Concat(onB.Received).Select(r => r.Task.WaitAsync(TimeSpan.FromSeconds(10))));
        Assert.All(details, d => Assert.Equal(Status.Delayed, d.Summary.Status));
        Assert.Equal(1, a.Get<LiveUpdates>().Reads);
        Assert.Equal(1, b.Get<LiveUpdates>().Reads);
    }

    [Fact]
    public async Task ASignalInATransactionThatRollsBack_ReachesNobody()
    {
        await using var a = await ServerInstance.StartAsync(ConnectionString, _time);
        await using var b = await ServerInstance.StartAsync(ConnectionString, _time);
        var sp1 = await Sp(a, "SP1");
        var sp2 = await Sp(a, "SP2");
        var rolledBack = new List<int>();
        using var first = b.Get<LiveUpdates>().Subscribe(sp1.Id, _ => { lock (rolledBack) { rolledBack.Add(sp1.Id); } return Task.CompletedTask; });
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var second = b.Get<LiveUpdates>().Subscribe(sp2.Id, _ => { committed.TrySetResult(); return Task.CompletedTask; });
        var feed = a.Get<ChangeFeed>();

        await using (var db = await a.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await feed.SignalAsync(db, [Change.OfSpearpoint(sp1.Id)], CancellationToken.None);
            await tx.RollbackAsync();
        }
        await using (var db = await a.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            await feed.SaveAsync(db, [Change.OfSpearpoint(sp2.Id)], () => Task.CompletedTask, CancellationToken.None);
        }

        // PostgreSQL delivers notifications in commit order: once the second is here, the first would have been too.
        await committed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(rolledBack);
    }

    [Fact]
    public async Task WhenTheListeningConnectionDrops_TheInstanceReconnects_AndItsViewersGetWhatWasSavedMeanwhile()
    {
        // A only saves; B alone listens, so the connection cut below is B's.
        await using var a = await ServerInstance.StartAsync(ConnectionString, _time, listen: false);
        await using var b = await ServerInstance.StartAsync(ConnectionString, _time);
        var sp3 = await Sp(a, "SP3");
        var onB = Viewers(b, sp3.Id, 3);
        var listening = b.Listener.Listening;

        // Cut B's listening connection (as a database restart or a network fault would) ...
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database() AND pid <> pg_backend_pid()", admin);
            kill.Parameters.AddWithValue("name", PostgresChangeListener.ApplicationName);
            await kill.ExecuteNonQueryAsync();
        }
        // ... and save while B is not listening: the clock of its reconnect pause stands still until the test moves it.
        await WaitUntilAsync(() => b.Listener.Listening != listening && !b.Listener.Listening.IsCompleted);
        var result = await a.Get<StatusEditor>().SaveStatusAsync(Manager,
            new StatusCommand(sp3.PlanId, sp3.Id, sp3.Version, Status.NeedsAttention, "Overgeslagen melding", "O", "G", "B"));
        Assert.True(result.Succeeded);
        Assert.All(onB.Received, r => Assert.False(r.Task.IsCompleted));

        _time.Advance(TimeSpan.FromSeconds(1));

        var details = await Task.WhenAll(onB.Received.Select(r => r.Task.WaitAsync(TimeSpan.FromSeconds(10))));
        Assert.All(details, d => Assert.Equal(Status.NeedsAttention, d.Summary.Status));
        Assert.Equal(2, b.Listener.Connections);
    }

    [Fact]
    public async Task APresenterOnOneInstance_MovesAFollowerOnAnother_AndANewInstanceKnowsTheSlide()
    {
        await using var a = await ServerInstance.StartAsync(ConnectionString, _time);
        await using var b = await ServerInstance.StartAsync(ConnectionString, _time);
        var moved = new TaskCompletionSource<PresenterPosition>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var follower = b.Get<PresentationHub>().Follow(p => { if (p.Slide == 3) { moved.TrySetResult(p); } return Task.CompletedTask; });

        Assert.True(await a.Get<PresentationHub>().MoveAsync(Presenter, "plan-1", null, 3, 6));

        Assert.Equal(("plan-1", 3, 6), await moved.Task.WaitAsync(TimeSpan.FromSeconds(10)) is var p ? (p.Deck, p.Slide, p.SlideCount) : default);
        await using var restarted = await ServerInstance.StartAsync(ConnectionString, _time);
        Assert.Equal(3, (await restarted.Get<PresentationHub>().CurrentAsync())!.Slide);
        Assert.False(await b.Get<PresentationHub>().MoveAsync(Actors.CouncilMember, "plan-1", null, 1, 6));
        Assert.Equal(3, (await a.Get<PresentationHub>().CurrentAsync())!.Slide);
    }

    [Fact]
    public async Task AJob_RunsOnOneInstanceAtATime_AndIsFreedWhenItsInstanceDies()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, ConnectionString);
        var onA = new PostgresJobLock(settings);
        var onB = new PostgresJobLock(settings);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = onA.TryRunAsync("backup", async _ => { running.SetResult(); await finish.Task; }, CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var ranOnB = false;
        Assert.False(await onB.TryRunAsync("backup", _ => { ranOnB = true; return Task.CompletedTask; }, CancellationToken.None));
        Assert.False(ranOnB);
        Assert.True(await onB.TryRunAsync("mail", _ => Task.CompletedTask, CancellationToken.None)); // another job is free
        finish.SetResult();
        Assert.True(await first);
        Assert.True(await onB.TryRunAsync("backup", _ => { ranOnB = true; return Task.CompletedTask; }, CancellationToken.None));
        Assert.True(ranOnB);

        // An instance that dies mid-job (its connection gone) leaves the job to the others.
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = onA.TryRunAsync("backup", async _ => { running = new(); stuck.SetResult(); await Task.Delay(Timeout.Infinite); }, CancellationToken.None);
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dashboard-job-backup'", admin);
            await kill.ExecuteNonQueryAsync();
        }
        await WaitUntilAsync(async () => await onB.TryRunAsync("backup", _ => Task.CompletedTask, CancellationToken.None));
        GC.KeepAlive(dying);
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
