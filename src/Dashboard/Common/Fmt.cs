using System.Globalization;

namespace Dashboard.Common;

/// <summary>Dates, times and numbers in the current culture (11-10-2022 in Dutch), times in Dutch time.</summary>
public static class Fmt
{
    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string DateTime(DateTime utc) =>
        DashboardClock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string LocalDate(DateTime utc) => Date(DashboardClock.LocalDate(utc));

    public static string Number(double value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>"15%" or "52 fte".</summary>
    public static string Value(double value, string unit) => unit switch
    {
        "" => Number(value),
        "%" => Number(value) + "%",
        _ => $"{Number(value)} {unit}",
    };

    /// <summary>The ISO form used in URLs (?peildatum=2022-10-11).</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseIso(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>An id or a number from an address ("12"); null for anything else (a sign, a space, a number too large for an int).</summary>
    public static int? ParseId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
