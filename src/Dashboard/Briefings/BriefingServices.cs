namespace Dashboard.Briefings;

public static class BriefingServices
{
    /// <summary>Briefings, their state on their date and changes since the previous one, and the brief's PDF.</summary>
    public static IServiceCollection AddBriefings(this IServiceCollection services)
    {
        services.AddSingleton<BriefingQueries>();
        services.AddSingleton<BriefingEditor>();
        services.AddSingleton<ChromiumPdf>();
        return services;
    }
}
