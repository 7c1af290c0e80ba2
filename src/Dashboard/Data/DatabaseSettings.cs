using Microsoft.Data.Sqlite;

namespace Dashboard.Data;

/// <summary>Which database the dashboard keeps its data in: one SQLite file (the default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>Database:Provider</c> and <c>ConnectionStrings:Dashboard</c>, read once. A relative SQLite file path is made
/// absolute against the content root (the repository root when run from source) and its folder created.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static DatabaseSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var name = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var parsed) ? parsed
            : throw new InvalidOperationException($"Database:Provider '{name}' is not known: use Sqlite or Postgres.");
        var configured = configuration.GetConnectionString("Dashboard")
            ?? throw new InvalidOperationException("Connection string 'Dashboard' not found in configuration.");
        return provider == DatabaseProvider.Postgres
            ? new DatabaseSettings(provider, configured)
            : new DatabaseSettings(provider, AbsoluteSqlite(configured, environment.ContentRootPath));
    }

    private static string AbsoluteSqlite(string configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured);
        if (csb.DataSource is { Length: > 0 } path && path != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(path, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        return csb.ToString();
    }
}
