using System.Globalization;
using Npgsql;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// The CPU time a PostgreSQL server on this machine has used: its postmaster (found as the parent of a backend of
/// ours), its live children and the children that have ended, from /proc. Works for the throwaway cluster and for a
/// local server given with --postgres; a server elsewhere has no figure.
/// </summary>
public static class DatabaseCpu
{
    /// <summary>Linux's USER_HZ, the unit of /proc's CPU times: 100 on every usual kernel.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>A function that reads the server's CPU milliseconds so far, or null when the server is not a process here.</summary>
    public static async Task<Func<double>?> OfAsync(string connectionString)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        int backend;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = (int)(await command.ExecuteScalarAsync())!;
            // The backend is alive while the connection is open: its parent is the postmaster.
            if (Stat(backend) is not { } stat || !IsPostgres(stat.Parent))
            {
                return null;
            }
            var postmaster = stat.Parent;
            return () => CpuMs(postmaster);
        }
    }

    private static double CpuMs(int postmaster)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } s)
            {
                continue;
            }
            if (pid == postmaster)
            {
                ticks += s.Own + s.EndedChildren;
            }
            else if (s.Parent == postmaster)
            {
                ticks += s.Own;
            }
        }
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed record ProcStat(int Parent, long Own, long EndedChildren);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            // After "pid (comm) ": state (3), ppid (4), ... utime (14), stime (15), cutime (16), cstime (17).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int n) => long.Parse(f[n - 3], CultureInfo.InvariantCulture);
            return new ProcStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // ended meanwhile, or not ours to read
        }
    }
}
