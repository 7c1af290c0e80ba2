using Dashboard.Data;
using Dashboard.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Dashboard.Extensions;

public static class DashboardServices
{
    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        // Blazor with interactive server rendering, and MudBlazor
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        // Dutch first, English second; the texts live in Resources/SharedResource*.resx
        builder.Services.AddLocalization();

        // SQLite through a context factory: one short-lived context per service operation
        var connectionString = SqliteConnectionString(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<SqlitePragmas>();
        builder.Services.AddDbContextFactory<DashboardDbContext>((sp, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        builder.Services.AddHostedService<DatabaseInitializer>();

        // The service layer: the only way to the data
        builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DashboardClock>();
        builder.Services.AddSingleton<DashboardQueries>();
    }

    /// <summary>
    /// The connection string of "ConnectionStrings:Dashboard", with a relative file path made absolute
    /// against the content root (the repository root when run from source) and its folder created.
    /// </summary>
    public static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Dashboard")
            ?? throw new InvalidOperationException("Connection string 'Dashboard' not found in configuration.");
        var csb = new SqliteConnectionStringBuilder(configured);
        if (csb.DataSource is { Length: > 0 } path && path != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(path, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        return csb.ToString();
    }
}
