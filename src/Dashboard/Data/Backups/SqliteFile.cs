using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Backups;

/// <summary>Small facts about a SQLite database file, read with plain connections (no EF, no app pragmas).</summary>
public static class SqliteFile
{
    /// <summary>The full path of the database file, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        return csb.DataSource is { Length: > 0 } path && path != ":memory:" && csb.Mode != SqliteOpenMode.Memory
            ? Path.GetFullPath(path)
            : null;
    }

    /// <summary>A connection string for one file, unpooled so the file is free as soon as it is closed.</summary>
    public static string ConnectionString(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    /// <summary>"ok", or what <c>PRAGMA integrity_check</c> found wrong.</summary>
    public static async Task<string> IntegrityCheckAsync(string path, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(ct);
        return await IntegrityCheckAsync(connection, ct);
    }

    public static async Task<string> IntegrityCheckAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("\n", lines);
    }

    /// <summary>The ids of the EF migrations recorded in the file (none when it has no history table).</summary>
    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
        if (await command.ExecuteScalarAsync(ct) is null)
        {
            return [];
        }
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Whether the database holds any table at all: a file that was just created empty has none.</summary>
    public static async Task<bool> HasTablesAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table';";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Row counts of every table, for a restore or an upgrade to be compared with.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }
}
