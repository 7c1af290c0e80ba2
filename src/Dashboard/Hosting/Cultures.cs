using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Hosting;

/// <summary>Dutch by default, English as the second language; chosen by cookie (or ?culture=), never by browser.</summary>
public static class Cultures
{
    public const string Dutch = "nl-NL";
    public const string English = "en-GB";
    public static readonly string[] Supported = [Dutch, English];

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Dutch)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
        return options;
    }

    public static bool IsDutch => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "nl";

    /// <summary>The language the plan's own texts are written in.</summary>
    public const string ContentLanguage = "nl";

    /// <summary>
    /// For a lang attribute around the plan's own texts: "nl" when the interface is in another language
    /// (so a screen reader reads them in Dutch), nothing when they match (the attribute is left out).
    /// </summary>
    public static string? ContentLang => IsDutch ? null : ContentLanguage;
}
