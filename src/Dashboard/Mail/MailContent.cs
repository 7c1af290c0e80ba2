using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Hosting;

namespace Dashboard.Mail;

// One model per message, rendered twice: as accessible HTML (Components/Mail/MailDocument.razor) and as plain text.

/// <summary>A line under an item, e.g. "Oorzaak: …"; the label is left out when null.</summary>
public sealed record MailLine(string Text, string? Label = null);

/// <summary>One thing to look at, linked to its page by its own name (link text that says where it goes).</summary>
public sealed record MailItem(string Title, string Url, IReadOnlyList<MailLine> Lines, Status? Status = null, string? StatusText = null);

public sealed record MailSection(string Heading, IReadOnlyList<MailItem> Items);

public sealed record MailLink(string Text, string Url);

public sealed record MailContent(
    string Language,
    string Subject,
    string Heading,
    IReadOnlyList<string> Intro,
    IReadOnlyList<MailSection> Sections,
    IReadOnlyList<MailLink> Links,
    bool IsDemo,
    string DemoNotice,
    string Reason,
    MailLink Preferences,
    MailLink? Unsubscribe)
{
    /// <summary>The lang attribute: "nl" or "en".</summary>
    public string Lang => new CultureInfo(Language).TwoLetterISOLanguageName;
}

/// <summary>Sets the culture of the texts for one recipient and puts the previous one back.</summary>
public sealed class MailCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;

    private MailCulture(string language)
    {
        var culture = new CultureInfo(Normalise(language));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
    }

    public static MailCulture Use(string? language) => new(language ?? Cultures.Dutch);

    /// <summary>Only the app's two languages; anything else is Dutch.</summary>
    public static string Normalise(string? language) => language == Cultures.English ? Cultures.English : Cultures.Dutch;

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _ui;
    }
}
