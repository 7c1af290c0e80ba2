using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

public static class MailServices
{
    /// <summary>The outbox, the messages and their transport: shared by the app, the verbs and the tests.</summary>
    public static IServiceCollection AddDashboardMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddDataProtection();
        services.TryAddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.WritesFiles
            ? ActivatorUtilities.CreateInstance<EmlFolderTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<MailAttachments>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<MailScheduler>();
        services.AddSingleton<MailPreferences>();
        services.AddSingleton<OutboxAdmin>();
        return services;
    }
}
