using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

/// <summary>
/// The one-click unsubscribe link of a message: its Message-Id, signed and encrypted with ASP.NET Core Data
/// Protection and valid for <see cref="MailOptions.UnsubscribeDays"/> days. Nobody can make one for another message.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, IOptions<MailOptions> options, TimeProvider time)
{
    /// <summary>The page that asks for confirmation (GET), and the address mail programs POST to (RFC 8058).</summary>
    public const string PagePath = "afmelden";
    public const string OneClickPath = "afmelden/direct";

    // The expiry travels inside the protected payload and is checked against the injected clock (Data Protection's
    // own time-limited protector reads the system clock, which the tests cannot move).
    private IDataProtector Protector => protection.CreateProtector("Dashboard.Mail.Unsubscribe.v1");

    public string Create(string messageId) =>
        Protector.Protect($"{time.GetUtcNow().AddDays(options.Value.UnsubscribeDays).ToUnixTimeSeconds()}|{messageId}");

    /// <summary>The Message-Id the token names, or null when it is forged, damaged or expired.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }
        try
        {
            var payload = Protector.Unprotect(token);
            var bar = payload.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && long.TryParse(payload[..bar], out var expires) && time.GetUtcNow().ToUnixTimeSeconds() <= expires
                ? payload[(bar + 1)..]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public string PageUrl(string token) => $"{MailLinks.Base(options.Value)}{PagePath}?token={Uri.EscapeDataString(token)}";

    public string OneClickUrl(string token) => $"{MailLinks.Base(options.Value)}{OneClickPath}?token={Uri.EscapeDataString(token)}";
}

/// <summary>Absolute links into the dashboard from <see cref="MailOptions.BaseUrl"/>.</summary>
public static class MailLinks
{
    public static string Base(MailOptions options) => options.BaseUrl.TrimEnd('/') + "/";

    public static string To(MailOptions options, string relative) => Base(options) + relative.TrimStart('/');

    public const string Preferences = "Account/Manage#meldingen";
}
