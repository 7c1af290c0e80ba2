using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Mail;

/// <summary>Hands one finished message to the world: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>A short description for logs and the beheer page, without any secret.</summary>
    string Describe();

    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>MailKit over SMTP, one conversation per message.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public string Describe() => $"smtp://{options.Value.Host}:{options.Value.EffectivePort} ({options.Value.Security})";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(o.TimeoutSeconds).TotalMilliseconds };
        var security = o.Security switch
        {
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(o.Host ?? "", o.EffectivePort, security, ct);
        if (!string.IsNullOrEmpty(o.User))
        {
            await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>
/// Without an SMTP host: each message becomes an .eml file, named after its Message-Id, so that sending it
/// again replaces the file rather than adding a second one. Any mail program opens them.
/// </summary>
public sealed class EmlFolderTransport(IOptions<MailOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Folder => Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);

    public string Describe() => Folder;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Concat((message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId()).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var file = Path.Combine(Folder, name + ".eml");
        var partial = file + ".part";
        await using (var stream = File.Create(partial))
        {
            await message.WriteToAsync(stream, ct);
        }
        File.Move(partial, file, overwrite: true);
    }
}
