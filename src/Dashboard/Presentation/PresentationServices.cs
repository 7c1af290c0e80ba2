namespace Dashboard.Presentation;

public static class PresentationServices
{
    /// <summary>The slides' read models and the presenter's slide carried to followers.</summary>
    public static IServiceCollection AddPresentation(this IServiceCollection services)
    {
        services.AddSingleton<PresentationQueries>();
        services.AddSingleton<PresentationHub>();
        return services;
    }
}
