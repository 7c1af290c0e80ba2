namespace Dashboard.Reports;

public static class ReportServices
{
    /// <summary>Rapportages: prepared, handed in, released by another (vaststellen), frozen from hand-in on.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<ReportEditor>();
        services.AddSingleton<CouncilReads>();
        services.AddSingleton<DemoReports>();
        services.AddSingleton<ReportPdfs>();
        services.AddSingleton<ReportMail>();
        return services;
    }
}
