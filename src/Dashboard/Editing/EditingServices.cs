namespace Dashboard.Editing;

public static class EditingServices
{
    /// <summary>What every write uses: the audit trail, the shared steps of a write and who is asking.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<EditorKit>();
        services.AddScoped<CurrentActor>();
        return services;
    }
}
