using System.Diagnostics;
using Npgsql;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster on a loopback port, started once per test run without the system service
/// (stack.md, "PostgreSQL and nginx on this machine") and stopped when the run ends. A minimal stand-in with the
/// API of tests/Dashboard.Tests/Support/PostgresServer.cs (branch pgtests), to be replaced by a link to that file.
/// </summary>
public sealed class PostgresServer
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<PostgresServer> Instance = new(() => new PostgresServer());

    private readonly string _dir = "";
    private readonly int _port;
    private readonly string? _whyNot;
    private bool _running;

    /// <summary>The one cluster of this test run, started on first use; null when there is none (see <see cref="WhyNot"/>).</summary>
    public static PostgresServer? Shared => Instance.Value._whyNot is null ? Instance.Value : null;

    /// <summary>Why there is no server (PostgreSQL not installed, or it did not start); null when there is one.</summary>
    public static string? WhyNot => Instance.Value._whyNot;

    private PostgresServer()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            _whyNot = $"PostgreSQL 15 not found in {Bin} (apt-get install postgresql)";
            return;
        }
        _dir = Directory.CreateTempSubdirectory("dashboard-cluster-pg-").FullName;
        try
        {
            if (AsRoot)
            {
                Run("chown", "postgres", _dir);
            }
            RunAs(Path.Combine(Bin, "initdb"), "-D", Data, "-A", "trust", "-U", "dash", "--no-sync", "-E", "UTF8");
            // A port of the range can be taken between the check and the start (it is in Linux's ephemeral range): try another.
            for (var attempt = 1; ; attempt++)
            {
                _port = Ports.Free();
                try
                {
                    RunAs(Path.Combine(Bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_dir, "log"), "-w",
                        "-o", $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
                    break;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
            _running = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }
        catch (InvalidOperationException e)
        {
            _whyNot = "PostgreSQL did not start: " + e.Message;
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    private string Data => Path.Combine(_dir, "data");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "dash", Database = database, Pooling = true }.ConnectionString;

    /// <summary>A new, empty database; its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "dashboard_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the cluster and deletes its files; the test run's end does it too, in case nobody else did.</summary>
    public void Stop()
    {
        if (!_running)
        {
            return;
        }
        _running = false;
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAs(Path.Combine(Bin, "pg_ctl"), "-D", Data, "-m", "immediate", "stop");
            Directory.Delete(_dir, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void RunAs(string program, params string[] args)
    {
        if (AsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {output.Result}{errors.Result}");
        }
    }
}
