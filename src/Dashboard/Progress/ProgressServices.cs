namespace Dashboard.Progress;

public static class ProgressServices
{
    /// <summary>Status, milestones and indicators: their editors, the pages' read models and the push to open screens.</summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<StatusEditor>();
        services.AddSingleton<MilestoneEditor>();
        services.AddSingleton<IndicatorEditor>();
        return services;
    }
}
