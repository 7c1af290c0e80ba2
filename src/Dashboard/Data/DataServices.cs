using Dashboard.Data.Backups;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Data;

/// <summary>Backups, start-up upgrades and /health: keeping the data safe.</summary>
public static class DataServices
{
    /// <summary>What the app, the command-line verbs and the tests share.</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section));
        services.TryAddSingleton<BackupService>();
        return services;
    }

    /// <summary>The web app only: optional scheduled backups, and the health check behind /health.</summary>
    public static void AddDashboardOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ScheduledBackups>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>
    /// /health answers "Healthy" (200) or "Unhealthy" (503), without details, to anyone: a load
    /// balancer or monitor has no account. Database reachable and migrations current.
    /// </summary>
    public static IEndpointConventionBuilder MapDashboardHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health").AllowAnonymous();
}
