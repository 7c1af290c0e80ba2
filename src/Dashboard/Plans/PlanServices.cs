namespace Dashboard.Plans;

public static class PlanServices
{
    /// <summary>Plans and their spearpoints set up in the browser, and the next period's plan.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddSingleton<PlanEditor>();
        services.AddSingleton<SpearpointEditor>();
        services.AddSingleton<FollowUpPlans>();
        return services;
    }
}
