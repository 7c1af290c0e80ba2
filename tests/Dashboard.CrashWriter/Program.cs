// The crash test's writer: the app's own code in a separate OS process, writing until it is killed.
//
// Why a separate program and not an HTTP endpoint or a verb of the app: the app has no write API
// and no sign-in yet, and a way to write without signing in must not ship in the app. This program
// uses exactly the app's wiring (AddDashboardDatabase + AddDashboardServices, the per-connection
// pragmas, DatabaseInitializer with its migrations and WAL) and writes through the real services
// onto a real SQLite file, so what the test kills is the app's write path.
//
// usage: Dashboard.CrashWriter <database file> <run number>
// Prints one line per committed write, only after the service has answered Saved:
//   ACK status <id> <marker> | ACK measurement <id> <marker> | ACK milestone <id> <marker> | ACK edit <milestone id> <version> <marker>
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Dashboard.CrashWriter <database file> <run number>");
    return 2;
}
var run = args[1];
var configuration = new ConfigurationBuilder().Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning))
    .AddDashboardDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={args[0]}"))
    .AddDashboardServices(configuration)
    .BuildServiceProvider();

await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).InitializeAsync();

var dbFactory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
int planId, spearpointId, indicatorId, milestoneId, spearpointVersion, milestoneVersion;
await using (var db = await dbFactory.CreateDbContextAsync())
{
    var spearpoint = await db.Spearpoints.OrderBy(s => s.Id).FirstAsync();
    var milestone = await db.Milestones.Where(m => m.SpearpointId == spearpoint.Id).OrderBy(m => m.Id).FirstAsync();
    (planId, spearpointId, spearpointVersion) = (spearpoint.PlanId, spearpoint.Id, spearpoint.Version);
    (milestoneId, milestoneVersion) = (milestone.Id, milestone.Version);
    indicatorId = await db.Indicators.Where(i => i.SpearpointId == spearpoint.Id).Select(i => i.Id).FirstAsync();
}

var actor = new Actor("Crashtest", new HashSet<string> { DashboardRoles.Manager }, "crash-test");
var status = services.GetRequiredService<StatusEditor>();
var milestones = services.GetRequiredService<MilestoneEditor>();
var indicators = services.GetRequiredService<IndicatorEditor>();
var due = new DateOnly(2023, 6, 30);
var measured = new DateOnly(2023, 12, 31);

for (var i = 0; ; i++)
{
    var marker = $"run{run}-write{i}";
    SaveResult result;
    string ack;
    switch (i % 4)
    {
        case 0:
            result = await status.SaveStatusAsync(actor, new StatusCommand(planId, spearpointId, spearpointVersion, Dashboard.Domain.Status.OnTrack, marker));
            spearpointVersion = result.Version ?? spearpointVersion;
            ack = $"status {result.CreatedId} {marker}";
            break;
        case 1:
            result = await indicators.AddMeasurementAsync(actor, new AddMeasurementCommand(planId, indicatorId, measured, i % 100, marker));
            ack = $"measurement {result.CreatedId} {marker}";
            break;
        case 2:
            result = await milestones.AddAsync(actor, new AddMilestoneCommand(planId, spearpointId, marker, due));
            ack = $"milestone {result.CreatedId} {marker}";
            break;
        default:
            result = await milestones.EditAsync(actor, new EditMilestoneCommand(planId, milestoneId, milestoneVersion, marker, due, Dashboard.Domain.Status.OnTrack));
            milestoneVersion = result.Version ?? milestoneVersion;
            ack = $"edit {milestoneId} {milestoneVersion} {marker}";
            break;
    }
    if (!result.Succeeded)
    {
        Console.Error.WriteLine($"FAIL {marker}: {result.Outcome} {result.Message}");
        return 3;
    }
    // Console.Out autoflushes: the line is in the pipe before the next write begins.
    Console.Out.WriteLine($"ACK {ack}");
}
