using System.Globalization;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Data.Backups;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Mail;
using Dashboard.Progress;
using Dashboard.Resources;
using Dashboard.Security;
using Dashboard.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Console;

namespace Dashboard.Cli;

/// <summary>
/// The command-line verbs of the app (<c>dotnet run --project src/Dashboard -- backup --out x.db</c>):
/// the same configuration and services as the web app, without starting the web server. Results go
/// to standard output in Dutch, logs to standard error. Exit code 0 done, 1 refused or failed, 2 wrong use.
/// </summary>
public static class DashboardCommands
{
    /// <summary>Every verb the app knows; the README test checks the documented commands against this list.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["create-admin", "create-token", "backup", "restore", "export", "import", "plans", "mail-test", "send-due", "help"];

    /// <summary>
    /// Whether the first argument asks for a verb, known or not, rather than the web server. What ASP.NET's
    /// command-line configuration reads starts the server: an option (<c>--urls</c>, <c>-x</c>, <c>/urls</c>) or a
    /// <c>key=value</c> pair (<c>Dashboard:SeedDemoData=false</c>). Any other first word is a verb, so that a
    /// mistyped one (<c>bakup</c>) is refused instead of starting the server, which would ignore it.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture =
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Cultures.Dutch);

        // The web app's own wiring, so a verb sees exactly the database and settings the app would.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.AddDashboard();
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        await using var app = builder.Build();
        var services = app.Services;
        var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();

        if (!Verbs.Contains(args[0], StringComparer.Ordinal))
        {
            Console.Out.WriteLine(L["Cli.UnknownVerb", args[0]]);
            Console.Out.WriteLine(L["Cli.Usage"]);
            return 2;
        }
        if (!TryParse(args[1..], out var options) || args[0] == "help")
        {
            Console.Out.WriteLine(L["Cli.Usage"]);
            return args[0] == "help" ? 0 : 2;
        }
        var command = new Command(services, L, options);
        try
        {
            return args[0] switch
            {
                "backup" => await command.BackupAsync(),
                "restore" => await command.RestoreAsync(),
                "export" => await command.ExportAsync(),
                "import" => await command.ImportAsync(),
                "create-admin" => await command.CreateAdminAsync(),
                "create-token" => await command.CreateTokenAsync(),
                "mail-test" => await command.MailTestAsync(),
                "send-due" => await command.SendDueAsync(),
                _ => await command.PlansAsync(),
            };
        }
        catch (UsageException)
        {
            Console.Out.WriteLine(L["Cli.Usage"]);
            return 2;
        }
        catch (Exception ex) when (ex is BackupException or DatabaseTooNewException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>"--name value" pairs; anything else is wrong use.</summary>
    private static bool TryParse(string[] args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || !options.TryAdd(args[i][2..], args[i + 1]))
            {
                return false;
            }
        }
        return true;
    }

    private sealed class UsageException : Exception;

    private sealed class Command(IServiceProvider services, IStringLocalizer<SharedResource> L, Dictionary<string, string> options)
    {
        /// <summary>Changes made from the command line are audited under the system user's name.</summary>
        private static readonly Actor CliActor = new($"{Environment.UserName} (opdrachtregel)",
            new HashSet<string> { DashboardRoles.Admin }, "cli");

        private T Get<T>() where T : notnull => services.GetRequiredService<T>();

        /// <summary>As at start-up: refuse a newer database, back up and migrate an older one (but seed nothing).</summary>
        private Task Upgrade() => ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).UpgradeAsync();

        private string? Option(string name, bool required = false) =>
            options.TryGetValue(name, out var value) ? value : required ? throw new UsageException() : null;

        private int PlanId() => int.TryParse(Option("plan", required: true), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : throw new UsageException();

        private void Only(params string[] allowed)
        {
            if (options.Keys.Any(k => !allowed.Contains(k)))
            {
                throw new UsageException();
            }
        }

        public async Task<int> CreateAdminAsync()
        {
            Only("email", "name");
            var email = Option("email", required: true)!;
            await Upgrade();
            await Security.AccountSeeder.EnsureRolesAsync(Get<IServiceScopeFactory>());
            return await CreateAdminCommand.RunAsync(services, CliActor, email, Option("name"));
        }

        /// <summary>An API key for another system; the secret is printed once and stored only as a hash.</summary>
        public async Task<int> CreateTokenAsync()
        {
            Only("name", "scope", "days", "plans");
            var name = Option("name", required: true);
            var plans = Option("plans")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException()).ToList();
            var scopes = Option("scope", required: true)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int? days = Option("days") is { } d
                ? int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException()
                : null;
            await Upgrade();
            var created = await Get<Api.ApiTokens>().CreateAsync(CliActor, new Api.CreateApiTokenCommand(name, scopes, days, plans),
                Get<Microsoft.Extensions.Options.IOptions<Api.ApiOptions>>().Value.DefaultTokenDays);
            if (created is not { Secret: { } secret, Token: { } token })
            {
                Console.Out.WriteLine(created.Result.Message);
                foreach (var error in created.Result.FieldErrors?.Values ?? [])
                {
                    Console.Out.WriteLine(error);
                }
                return 1;
            }
            Console.Out.WriteLine(L["Cli.TokenCreated", token.Name, string.Join(",", token.Scopes), Fmt.Iso(DashboardClock.LocalDate(token.ExpiresAt))]);
            Console.Out.WriteLine(secret);
            Console.Error.WriteLine(L["Cli.TokenShownOnce"]);
            return 0;
        }

        public async Task<int> BackupAsync()
        {
            Only("out");
            var backups = Get<BackupService>();
            var result = Option("out") is { } file
                ? await backups.BackupToFileAsync(file)
                : await backups.BackupToFolderAsync();
            Console.Out.WriteLine(L["Cli.BackupMade", result.Path, result.Bytes]);
            return 0;
        }

        public async Task<int> RestoreAsync()
        {
            Only("from");
            var from = Option("from", required: true)!;
            IReadOnlyList<string> known;
            await using (var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
            {
                known = db.Database.GetMigrations().ToList();
            }
            var result = await Get<BackupService>().RestoreAsync(from, known);
            Console.Out.WriteLine(L["Cli.Restored", result.From]);
            if (result.SafetyCopy is { } safety)
            {
                Console.Out.WriteLine(L["Cli.SafetyCopy", safety]);
            }
            foreach (var (table, count) in result.RowCounts)
            {
                Console.Out.WriteLine($"  {table}: {count}");
            }
            return 0;
        }

        public async Task<int> PlansAsync()
        {
            Only();
            await Upgrade();
            foreach (var (p, state) in (await Get<DashboardQueries>().GetPlansAsync(includeArchived: true)).Select(i => (i.Plan, i.State)).OrderBy(x => x.Plan.Id))
            {
                Console.Out.WriteLine($"{p.Id}\t{p.Name}\t{Fmt.Iso(p.StartDate)} – {Fmt.Iso(p.EndDate)}\t{L[$"PlanState.{state}"]}{(p.IsDemo ? "\t" + L["Cli.Demo"] : "")}");
            }
            return 0;
        }

        public async Task<int> ExportAsync()
        {
            Only("plan", "out", "kind");
            var planId = PlanId();
            var kind = Option("kind") ?? "plan";
            await Upgrade();
            var exporter = Get<PlanExporter>();
            Func<Stream, Task<bool>> write = kind switch
            {
                "plan" => s => exporter.WriteJsonAsync(planId, s),
                "milestones" => s => exporter.WriteMilestonesCsvAsync(planId, s),
                "measurements" => s => exporter.WriteMeasurementsCsvAsync(planId, s),
                _ => throw new UsageException(),
            };

            var file = Option("out");
            if (file is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                return await write(stdout) ? 0 : NoPlan(planId);
            }
            var partial = Path.GetFullPath(file) + ".part";
            bool found;
            await using (var stream = File.Create(partial))
            {
                found = await write(stream);
            }
            if (!found)
            {
                File.Delete(partial);
                return NoPlan(planId);
            }
            File.Move(partial, Path.GetFullPath(file), overwrite: true);
            Console.Error.WriteLine(L["Cli.Exported", Path.GetFullPath(file)]);
            return 0;
        }

        public async Task<int> ImportAsync()
        {
            Only("in", "plan", "kind");
            var file = Option("in", required: true)!;
            var kind = Option("kind") ?? "plan";
            await Upgrade();
            await using var input = File.OpenRead(file);
            var result = kind switch
            {
                "plan" when Option("plan") is null => await Get<PlanImporter>().ImportPlanAsync(CliActor, input),
                "milestones" => await Get<CsvImporter>().ImportMilestonesAsync(CliActor, PlanId(), input),
                "measurements" => await Get<CsvImporter>().ImportMeasurementsAsync(CliActor, PlanId(), input),
                _ => throw new UsageException(),
            };
            Console.Out.WriteLine(result.Message);
            foreach (var problem in result.Problems)
            {
                Console.Out.WriteLine($"  {problem}");
            }
            return result.Succeeded ? 0 : 1;
        }

        /// <summary>One test message, queued and sent at once (the same outbox and sender as every other message).</summary>
        public async Task<int> MailTestAsync()
        {
            Only("to");
            var to = Option("to", required: true)!;
            if (!MimeKit.MailboxAddress.TryParse(to, out _))
            {
                throw new UsageException();
            }
            await Upgrade();
            var transport = Get<IMailTransport>();
            var message = await Get<MailScheduler>().QueueTestAsync(to, transport.Describe());
            Console.Out.WriteLine(L["Cli.MailQueued", message.MessageId, to]);
            var report = await Get<OutboxSender>().SendDueAsync(only: message.Id);
            Console.Out.WriteLine(L["Cli.MailSent", report.Sent, report.Retrying, report.Failed, transport.Describe()]);
            return report.Retrying + report.Failed == 0 ? 0 : 1;
        }

        /// <summary>What the background sender does in one round: queue what is due now, then send the outbox.</summary>
        public async Task<int> SendDueAsync()
        {
            Only();
            await Upgrade();
            var queued = await Get<MailScheduler>().QueueDueAsync();
            Console.Out.WriteLine(L["Cli.MailDue", L.Count("Cli.Reminders", queued.Reminders), L.Count("Cli.Digests", queued.Digests)]);
            var report = await Get<OutboxSender>().SendDueAsync();
            Console.Out.WriteLine(L["Cli.MailSent", report.Sent, report.Retrying, report.Failed, Get<IMailTransport>().Describe()]);
            return report.Retrying + report.Failed == 0 ? 0 : 1;
        }

        private int NoPlan(int planId)
        {
            Console.Error.WriteLine(L["Import.NoPlan", planId]);
            return 1;
        }
    }
}
