using System.Diagnostics;
using Npgsql;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// The PostgreSQL server of the multi-instance part: a throwaway cluster of the benchmark's own (Debian's
/// postgresql package: initdb and pg_ctl in a temporary folder, on a loopback port, as the postgres user when
/// the benchmark runs as root, since PostgreSQL refuses root), or a server given with <c>--postgres</c>.
/// Durability as shipped (fsync and synchronous_commit on), as the SQLite instance's synchronous = FULL.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _bin;
    private readonly NpgsqlConnectionStringBuilder _server;

    /// <summary>What was measured against, for RESULTS.md.</summary>
    public string Description { get; private set; } = "";

    private PostgresCluster(string? folder, string? bin, string connectionString)
    {
        _folder = folder;
        _bin = bin;
        _server = new NpgsqlConnectionStringBuilder(connectionString);
    }

    /// <summary>The cluster, or why there is none (then the PostgreSQL part is left out and RESULTS.md says why).</summary>
    public static async Task<(PostgresCluster? Cluster, string? WhyNot)> StartAsync(string? given)
    {
        if (given is not null)
        {
            var external = new PostgresCluster(null, null, given);
            try
            {
                await external.DescribeAsync("the server given with --postgres");
                return (external, null);
            }
            catch (Exception ex)
            {
                return (null, $"the server given with --postgres did not answer: {ex.Message}");
            }
        }

        var bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } b ? b
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                    .FirstOrDefault()
                : null;
        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
        {
            return (null, "no PostgreSQL here (no initdb under /usr/lib/postgresql/*/bin or $PG_BIN; Debian: apt-get install postgresql)");
        }
        var asRoot = Environment.UserName == "root";
        if (asRoot && Run("id", "-u", "postgres").Exit != 0)
        {
            return (null, "running as root, and there is no postgres user to run the cluster as");
        }

        var folder = Directory.CreateTempSubdirectory("dashboard-bench-pg-").FullName;
        var port = LoopbackPorts.Next();
        var cluster = new PostgresCluster(folder, bin, $"Host=127.0.0.1;Port={port};Username=bench;Database=postgres;Pooling=false");
        if (asRoot && Run("chown", "postgres", folder) is { Exit: not 0 } chown)
        {
            return (null, $"chown of {folder} to postgres failed: {chown.Output}");
        }
        var data = Path.Combine(folder, "data");
        if (cluster.Pg("initdb", "-D", data, "-A", "trust", "-U", "bench", "-E", "UTF8", "--locale=C", "--no-sync") is { Exit: not 0 } init)
        {
            cluster.Delete();
            return (null, $"initdb failed: {Tail(init.Output)}");
        }
        var start = cluster.Pg("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start");
        if (start.Exit != 0)
        {
            var log = File.Exists(Path.Combine(folder, "log")) ? File.ReadAllText(Path.Combine(folder, "log")) : start.Output;
            cluster.Delete();
            return (null, $"the throwaway cluster did not start: {Tail(log)}");
        }
        // A benchmark stopped with Ctrl+C or an exception still stops its cluster.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        try
        {
            await cluster.DescribeAsync($"a throwaway cluster on 127.0.0.1:{port}");
            return (cluster, null);
        }
        catch (Exception ex)
        {
            cluster.Stop();
            return (null, $"the throwaway cluster did not answer: {ex.Message}");
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public async Task CreateDatabaseAsync(string name)
    {
        await DropDatabaseAsync(name);
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
    }

    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task DescribeAsync(string where)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Description = $"PostgreSQL {reader.GetString(0)}, {where} (fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, shared_buffers {reader.GetString(3)})";
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private int _stopped;

    private void Stop()
    {
        if (_folder is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        Pg("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
        Delete();
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(_folder!, recursive: true);
        }
        catch (Exception)
        {
            // a temporary folder
        }
    }

    /// <summary>A PostgreSQL program; as root, as the postgres user.</summary>
    private (int Exit, string Output) Pg(string program, params string[] args) =>
        Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin!, program), .. args])
            : Run(Path.Combine(_bin!, program), args);

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        try
        {
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout + stderr.Result);
        }
        catch (Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    private static string Tail(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
