using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Transfer;

public static class TransferServices
{
    /// <summary>A plan exported and imported as JSON, milestones and measurements imported as CSV.</summary>
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.TryAddSingleton<PlanExporter>();
        services.TryAddSingleton<PlanImporter>();
        services.TryAddSingleton<CsvImporter>();
        return services;
    }
}
