using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Common;

public static class CommonServices
{
    /// <summary>The clock every rule reads (a test replaces the TimeProvider) and the dashboard's own settings.</summary>
    public static IServiceCollection AddCommon(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardClock>();
        return services;
    }
}
