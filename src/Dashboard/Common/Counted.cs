using Microsoft.Extensions.Localization;

namespace Dashboard.Common;

/// <summary>
/// A counted message has two entries in the resource files, <c>Key.Singular</c> for exactly one and <c>Key.Plural</c> for
/// every other count (zero included), so no text has to write "speerpunt(en)".
/// </summary>
public static class Counted
{
    /// <summary>The entry for <paramref name="count"/>, formatted with the count as {0}.</summary>
    public static string Count(this IStringLocalizer localizer, string key, int count) =>
        localizer.CountOf(key, count, count);

    /// <summary>The entry chosen by <paramref name="count"/>, formatted with <paramref name="arguments"/> (when the count is not {0}).</summary>
    public static string CountOf(this IStringLocalizer localizer, string key, int count, params object[] arguments) =>
        localizer[$"{key}.{(count == 1 ? "Singular" : "Plural")}", arguments];
}
