using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>
/// One real PostgreSQL server for the whole test process: a throwaway cluster made with Debian's initdb and pg_ctl
/// (the newest under /usr/lib/postgresql/*/bin), trusting local connections, on a free loopback port, in a temporary
/// folder that is stopped and deleted when the process exits; or the server that <c>DASHBOARD_TEST_POSTGRES</c> names
/// with a connection string. Started on first use, once, whichever thread asks first. Used by TestApp on PostgreSQL
/// (Dashboard.PostgresTests), by the cluster tests and by the benchmark's several-instances part.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>A connection string to an existing server (a superuser, or a role that may create databases).</summary>
    public const string ConnectionVariable = "DASHBOARD_TEST_POSTGRES";

    /// <summary>Optional "from-to" range of loopback ports for the throwaway cluster, e.g. "55500-55519".</summary>
    public const string PortsVariable = "DASHBOARD_TEST_POSTGRES_PORTS";

    private const string User = "dash";
    private const string ClusterPrefix = "dashboard-pg-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<(PostgresServer? Server, string? WhyNot)> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly NpgsqlConnectionStringBuilder _admin;

    private PostgresServer(NpgsqlConnectionStringBuilder admin, string version, string? binDirectory)
    {
        _admin = admin;
        Version = version;
        BinDirectory = binDirectory;
    }

    /// <summary>The server of this process, started on first use; null when none could be had (see <see cref="WhyNot"/>).</summary>
    public static PostgresServer? Shared => Instance.Value.Server;

    /// <summary>Why <see cref="Shared"/> is null, in words for a skipped test or a failure; null when there is a server.</summary>
    public static string? WhyNot => Instance.Value.WhyNot;

    /// <summary>The server's version, as <c>SHOW server_version</c> says it.</summary>
    public string Version { get; }

    /// <summary>The folder of initdb, pg_ctl, pg_dump and friends of the throwaway cluster; null for an existing server.</summary>
    public string? BinDirectory { get; }

    /// <summary>A connection string to one database of this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new, empty database (or a copy of <paramref name="template"/>, which must have no open connections); returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        var sql = template is null ? $"CREATE DATABASE {Quote(name)}" : $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(template)}";
        await ExecuteAsync(sql);
        return name;
    }

    /// <summary>Drops a database, ending the connections that are still open on it (this process's pools are cleared first).</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)");
    }

    /// <summary>
    /// Drops a database (a template kept for the whole run) when the process exits. Only an existing server needs it:
    /// the throwaway cluster goes as a whole.
    /// </summary>
    public void DropAtExit(string name)
    {
        if (BinDirectory is not null)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                DropDatabaseAsync(name).Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                // The server may be gone already; a left-over test database harms nobody.
            }
        };
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (PostgresServer?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            return UseExisting(given);
        }
        if (!OperatingSystem.IsLinux())
        {
            return (null, $"PostgreSQL not found: a throwaway cluster is made on Linux only; set {ConnectionVariable} to a connection string.");
        }
        var bin = NewestBinDirectory();
        if (bin is null)
        {
            return (null, $"PostgreSQL not found: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql), and {ConnectionVariable} is not set.");
        }
        try
        {
            return (Cluster.Start(bin), null);
        }
        catch (Exception ex)
        {
            return (null, $"PostgreSQL could not be started from {bin}: {ex.Message}");
        }
    }

    private static (PostgresServer?, string?) UseExisting(string given)
    {
        try
        {
            var admin = new NpgsqlConnectionStringBuilder(given);
            if (string.IsNullOrEmpty(admin.Database))
            {
                admin.Database = "postgres";
            }
            var version = ServerVersion(admin.ConnectionString, TimeSpan.FromSeconds(10));
            return (new PostgresServer(admin, version, null), null);
        }
        catch (Exception ex)
        {
            return (null, $"PostgreSQL not reachable through {ConnectionVariable}: {ex.Message}");
        }
    }

    /// <summary>The bin folder of the newest PostgreSQL version installed the Debian way, or null.</summary>
    private static string? NewestBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")) && File.Exists(Path.Combine(d.Dir, "bin", "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    /// <summary>Asks for the version, retrying until the server takes connections or the time is up.</summary>
    private static string ServerVersion(string connectionString, TimeSpan patience)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        var until = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(csb.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand("SHOW server_version", connection);
                return (string)command.ExecuteScalar()!;
            }
            catch (Exception) when (until.Elapsed < patience)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The throwaway cluster: made, started, and at process exit stopped and deleted.</summary>
    private static class Cluster
    {
        public static PostgresServer Start(string bin)
        {
            var asRoot = Environment.UserName == "root";
            RemoveAbandoned(bin, asRoot);

            var folder = Directory.CreateTempSubdirectory(ClusterPrefix).FullName;
            File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var data = Path.Combine(folder, "data");
            var log = Path.Combine(folder, "log");
            var started = false;
            try
            {
                if (asRoot)
                {
                    // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
                    Run("chown", ["postgres", folder], asRoot: false, TimeSpan.FromSeconds(30));
                }
                // Strings sorted as a Dutch server sorts them (ICU, from PostgreSQL 15 on), not in SQLite's byte order:
                // what holds only on one of them shows.
                var version = decimal.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0;
                Run(Path.Combine(bin, "initdb"),
                    ["-D", data, "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                     .. version >= 15 ? new[] { "--locale-provider=icu", "--icu-locale=nl-NL" } : []],
                    asRoot, TimeSpan.FromSeconds(120));

                Exception? last = null;
                foreach (var port in CandidatePorts())
                {
                    try
                    {
                        Run(Path.Combine(bin, "pg_ctl"),
                            ["-D", data, "-l", log, "-w", "-t", "60", "-o", ServerOptions(port, folder), "start"],
                            asRoot, TimeSpan.FromSeconds(90));
                    }
                    catch (Exception ex)
                    {
                        last = new InvalidOperationException($"{ex.Message}\n{Tail(log)}");
                        // A server that came up after all must not outlive its folder.
                        TryRun(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot);
                        if (last.Message.Contains("already in use", StringComparison.Ordinal))
                        {
                            // The port was taken between the check and the start: the next one.
                            continue;
                        }
                        throw last;
                    }
                    started = true;
                    // At a normal exit the cluster goes at once; when the test host is killed, the watchdog sees to it.
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, folder, asRoot);
                    StartWatchdog(bin, folder, asRoot);
                    var admin = new NpgsqlConnectionStringBuilder
                    {
                        Host = "127.0.0.1", Port = port, Username = User, Database = "postgres",
                        IncludeErrorDetail = true, MaxPoolSize = 50,
                    };
                    try
                    {
                        return new PostgresServer(admin, ServerVersion(admin.ConnectionString, TimeSpan.FromSeconds(30)), bin);
                    }
                    catch (Exception ex)
                    {
                        throw new InvalidOperationException($"it started on port {port} but takes no connections: {ex.Message}\n{Tail(log)}", ex);
                    }
                }
                throw last ?? new InvalidOperationException(Environment.GetEnvironmentVariable(PortsVariable) is { Length: > 0 } range
                    ? $"no free loopback port in {PortsVariable}={range}" : "no free loopback port");
            }
            catch when (!started)
            {
                TryDelete(folder);
                throw;
            }
        }

        private static string ServerOptions(int port, string socketFolder) => string.Join(' ',
            $"-p {port}", $"-k {socketFolder}", "-c listen_addresses=127.0.0.1",
            // A throwaway cluster: losing it in a power cut costs nothing, so no waiting for the disk.
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=300", "-c shared_buffers=64MB");

        /// <summary>
        /// A shell of its own session (so that killing the test host's process tree spares it) that waits for this
        /// process to end, then stops the cluster and deletes its folder: nothing is left running after a killed run.
        /// </summary>
        private static void StartWatchdog(string bin, string folder, bool asRoot)
        {
            const string script = """
                exec </dev/null >/dev/null 2>&1
                while kill -0 "$1"; do sleep 1; done
                if [ "$4" = root ]; then runuser -u postgres -- "$3" -D "$2/data" -m immediate -w stop; else "$3" -D "$2/data" -m immediate -w stop; fi
                rm -rf "$2"
                """;
            var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
            var info = new ProcessStartInfo(setsid ?? "/bin/sh") { UseShellExecute = false };
            foreach (var a in (setsid is null ? [] : new[] { "-f", "/bin/sh" }).Concat(["-c", script, "dashboard-pg-watchdog",
                         Environment.ProcessId.ToString(CultureInfo.InvariantCulture), folder, Path.Combine(bin, "pg_ctl"), asRoot ? "root" : "self"]))
            {
                info.ArgumentList.Add(a);
            }
            using var watchdog = Process.Start(info);
        }

        private static IEnumerable<int> CandidatePorts()
        {
            if (Environment.GetEnvironmentVariable(PortsVariable) is { Length: > 0 } range)
            {
                var parts = range.Split('-', 2);
                var from = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var to = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : from;
                foreach (var port in Enumerable.Range(from, to - from + 1).Where(IsFree))
                {
                    yield return port;
                }
                yield break;
            }
            for (var i = 0; i < 5; i++)
            {
                using var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                yield return port;
            }
        }

        private static bool IsFree(int port)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static void Stop(string bin, string folder, bool asRoot)
        {
            // Deleting the folder frees the disk even if this fails; a server left running notices its lock file is
            // gone and shuts down within a minute.
            TryRun(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], asRoot);
            TryDelete(folder);
        }

        private static void TryRun(string program, IReadOnlyList<string> args, bool asRoot)
        {
            try
            {
                Run(program, args, asRoot, TimeSpan.FromSeconds(30));
            }
            catch (Exception)
            {
                // Best effort: the caller goes on either way.
            }
        }

        /// <summary>Clusters of earlier test processes that were killed before they could clean up.</summary>
        private static void RemoveAbandoned(string bin, bool asRoot)
        {
            foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
            {
                try
                {
                    var owner = Path.Combine(folder, OwnerFile);
                    if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
                    {
                        continue;
                    }
                    Stop(bin, folder, asRoot);
                }
                catch (Exception)
                {
                    // Someone else's folder, or one being removed right now: leave it.
                }
            }
        }

        private static bool IsAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static void TryDelete(string folder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception)
            {
                // Best effort, at exit.
            }
        }

        /// <summary>Runs a program (as the postgres user when we are root) and fails with its output when it fails.</summary>
        private static void Run(string program, IReadOnlyList<string> args, bool asRoot, TimeSpan timeout)
        {
            var info = new ProcessStartInfo(asRoot ? "runuser" : program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            if (asRoot)
            {
                foreach (var a in new[] { "-u", "postgres", "--", program })
                {
                    info.ArgumentList.Add(a);
                }
            }
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }
            // The server inherits no locale of ours: initdb's options say what it uses.
            info.Environment["LC_ALL"] = "C.UTF-8";
            info.Environment.Remove("PGDATA");
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s:\n{Last(output.ToString())}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited with {process.ExitCode}:\n{Last(output.ToString())}");
            }
        }

        private static string Tail(string log)
        {
            try
            {
                return File.Exists(log) ? "server log:\n" + Last(File.ReadAllText(log)) : "(no server log)";
            }
            catch (IOException)
            {
                return "(server log unreadable)";
            }
        }

        private static string Last(string text, int lines = 20) =>
            string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
    }
}
