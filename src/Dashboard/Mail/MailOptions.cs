namespace Dashboard.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum MailSecurity
{
    None = 0,
    StartTls = 1,
    SslOnConnect = 2,
}

/// <summary>The "Mail" section of appsettings.json (or Mail__Host and so on in the environment).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server. Empty (the default): messages are written as .eml files into <see cref="Folder"/>.</summary>
    public string? Host { get; set; }

    /// <summary>0 takes the usual port of <see cref="Security"/>: 25, 587 or 465.</summary>
    public int Port { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? User { get; set; }

    /// <summary>Never logged, never shown.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "Voortgangsdashboard <noreply@voortgangsdashboard.local>";

    /// <summary>Where messages go without a host; a relative path is taken from the content root.</summary>
    public string Folder { get; set; } = "data/mail";

    /// <summary>The address of the dashboard as readers reach it: links in messages start with it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5215";

    /// <summary>Remind an owner this many days before a spearpoint becomes "niet recent bijgewerkt".</summary>
    public int RemindDaysBeforeStale { get; set; } = 7;

    /// <summary>Queue what is due and send the outbox in the background of the web app (the verb send-due does the same once).</summary>
    public bool Background { get; set; } = true;

    /// <summary>How often the background sender looks for due messages.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Attempts before a message is given up (failed; a beheerder can try again).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each next one (at most six hours).</summary>
    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>How long one SMTP conversation may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long the unsubscribe link in a message works.</summary>
    public int UnsubscribeDays { get; set; } = 90;

    public int EffectivePort => Port > 0 ? Port : Security switch
    {
        MailSecurity.SslOnConnect => 465,
        MailSecurity.StartTls => 587,
        _ => 25,
    };

    public bool WritesFiles => string.IsNullOrWhiteSpace(Host);
}
