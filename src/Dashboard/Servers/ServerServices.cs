using Dashboard.Data;

namespace Dashboard.Servers;

public static class ServerServices
{
    /// <summary>
    /// What crosses instances: the change feed and the job lock. On SQLite both stay inside this process; on
    /// PostgreSQL they go through the database (NOTIFY/LISTEN, advisory locks), so any number of instances can share it.
    /// </summary>
    public static IServiceCollection AddDashboardServers(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton<ChangeDispatcher>();
        if (settings.IsPostgres)
        {
            services.AddSingleton<ChangeFeed, PostgresChangeFeed>();
            services.AddSingleton<IJobLock, PostgresJobLock>();
            services.AddSingleton<PostgresChangeListener>();
        }
        else
        {
            services.AddSingleton<ChangeFeed, InProcessChangeFeed>();
            services.AddSingleton<IJobLock, InProcessJobLock>();
        }
        return services;
    }

    /// <summary>The web app only: on PostgreSQL, the connection that listens for other instances' changes.</summary>
    public static void AddDashboardListener(this WebApplicationBuilder builder, DatabaseSettings settings)
    {
        if (settings.IsPostgres)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        }
    }
}
