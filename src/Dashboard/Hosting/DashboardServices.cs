using Dashboard.Api;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Oidc;
using Dashboard.Plans;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Questions;
using Dashboard.Security;
using Dashboard.Servers;
using Dashboard.Transfer;
using Dashboard.TwoFactor;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Hosting;

public static class DashboardServices
{
    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        // Blazor with interactive server rendering, its circuit and hub limits set in appsettings.json, and MudBlazor
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(o => builder.Configuration.GetSection("Blazor:Circuit").Bind(o))
            .AddHubOptions(o => builder.Configuration.GetSection("Blazor:Hub").Bind(o));
        builder.Services.AddMudServices();

        // Dutch first, English second; the texts live in Resources/SharedResource*.resx
        builder.Services.AddLocalization();
        builder.Services.AddTransient<MudLocalizer, DashboardMudLocalizer>();

        // SQLite (or PostgreSQL for several instances), brought up to date before the server starts
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddDashboardDatabase(database);
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.AddDashboardListener(database);
        builder.AddDashboardOperations();
        builder.Services.AddHostedService<OutboxBackground>();

        // The service layer: the only way to the data
        builder.Services.AddDashboardServices(builder.Configuration);

        // Sign-in, roles, security headers, rate limits
        builder.AddDashboardSecurity();
        // Sign-in with the municipality's accounts (OpenID Connect), only when Authentication:Oidc is set
        builder.AddDashboardOidc();

        // The API for other systems: keys, OpenAPI document, reference page
        builder.AddDashboardApi();
    }

    /// <summary>
    /// A context factory: one short-lived context per service operation. On PostgreSQL the factory makes
    /// <see cref="PostgresDbContext"/> (its own migrations), handed out as <see cref="DashboardDbContext"/>.
    /// </summary>
    public static IServiceCollection AddDashboardDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddDashboardServers(settings);
        if (settings.IsPostgres)
        {
            services.AddDbContextFactory<PostgresDbContext>((sp, options) => options
                .UseNpgsql(settings.ConnectionString)
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            services.AddSingleton<IDbContextFactory<DashboardDbContext>, PostgresContextFactory>();
            services.AddScoped<DashboardDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
            return services;
        }
        services.TryAddSingleton<SqlitePragmas>();
        services.AddDbContextFactory<DashboardDbContext>((sp, options) => options
            .UseSqlite(settings.ConnectionString)
            .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SqlitePragmas>());
        return services;
    }

    private sealed class PostgresContextFactory(IDbContextFactory<PostgresDbContext> inner) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>The features, each registering its own services; the same list serves the app, the verbs and the tests.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        services.AddCommon(configuration);
        services.AddEditing();
        services.AddProgress();
        services.AddPlans();
        services.AddBriefings();
        services.AddReports();
        services.AddQuestions(configuration);
        services.AddPresentation();
        services.AddUsers();
        services.AddTwoFactor(configuration);
        services.AddOidc(configuration);
        services.AddTransfer();
        services.AddDashboardData(configuration);
        services.AddDashboardMail(configuration);
        services.AddScoped<Dashboard.Components.Layout.PlanInView>();
        return services;
    }
}
