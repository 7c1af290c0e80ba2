using Microsoft.AspNetCore.Identity;

namespace Dashboard.Domain;

/// <summary>A person who signs in: an e-mail address as user name, a display name, and one role.</summary>
public class DashboardUser : IdentityUser
{
    /// <summary>How the person appears as author of updates, e.g. a role title ("Interim-manager HOR").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in, and their open screens lose their rights within a minute.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Reminders before an owned spearpoint goes stale (Meldingen on Mijn account).</summary>
    public bool ReceiveReminders { get; set; } = true;

    /// <summary>The digest before each briefing.</summary>
    public bool ReceiveDigests { get; set; } = true;

    /// <summary>
    /// The daily round-up of answers to technische vragen (a raadslid's choice under Meldingen): off until turned on, as
    /// the issue asks for an opt-in, while the digest before a briefing is on by default.
    /// </summary>
    public bool ReceiveAnswerRoundUps { get; set; }

    /// <summary>The language of messages to this person: nl-NL (the default) or en-GB.</summary>
    public string Language { get; set; } = "nl-NL";
}
