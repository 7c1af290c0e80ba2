using Dashboard.Editing;

namespace Dashboard.TwoFactor;

public static class TwoFactorServices
{
    /// <summary>The second factor: who must set one up, setting it up on Mijn account, and the code step of the sign-in.</summary>
    public static IServiceCollection AddTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwoFactorOptions>().Bind(configuration.GetSection("Security"))
            .Validate(o => o.Roles.All(DashboardRoles.All.Contains),
                $"Security:RequireTwoFactorFor names a role that does not exist (the roles: {string.Join(", ", DashboardRoles.All)}).")
            .ValidateOnStart();
        services.AddSingleton<TwoFactorRule>();
        services.AddSingleton<TwoFactorSetup>();
        services.AddScoped<TwoFactorSignIn>();
        return services;
    }

    /// <summary>After authentication: an account that must set up its second factor goes nowhere else first.</summary>
    public static void UseTwoFactorSetupGate(this IApplicationBuilder app) => app.UseMiddleware<TwoFactorSetupGate>();
}
