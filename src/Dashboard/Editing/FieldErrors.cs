using System.Globalization;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Editing;

/// <summary>
/// Collects validation errors per field, each a sentence in the UI language that names the field
/// ("Toelichting is verplicht."). The rules for text, dates, numbers and choices live here, once.
/// </summary>
public sealed class FieldErrors(IStringLocalizer<SharedResource> L)
{
    private readonly Dictionary<string, string> _errors = [];

    public bool Any => _errors.Count > 0;
    public IReadOnlyDictionary<string, string> All => _errors;

    public string Label(string field) => L[$"Field.{field}"];

    public void Add(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>
    /// Checks and normalises a text: trimmed, line ends as \n, no control or direction-override
    /// characters, at most <paramref name="maxLength"/> characters. Returns null for an empty optional text.
    /// </summary>
    public string? Text(string field, string? value, int maxLength, bool required, bool multiline = false)
    {
        var text = (value ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Add(field, L["Validation.Required", Label(field)]);
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            Add(field, L["Validation.TooLong", Label(field), maxLength, text.Length]);
            return null;
        }
        if (HasForbiddenCharacters(text, multiline))
        {
            Add(field, L[multiline ? "Validation.ControlCharacters" : "Validation.SingleLine", Label(field)]);
            return null;
        }
        return text;
    }

    public DateOnly? Date(string field, DateOnly? value, DateOnly min, DateOnly max, bool required = true)
    {
        if (value is not { } date)
        {
            if (required)
            {
                Add(field, L["Validation.Required", Label(field)]);
            }
            return null;
        }
        if (date < min || date > max)
        {
            Add(field, L["Validation.DateOutside", Label(field), Format(min), Format(max)]);
            return null;
        }
        return date;
    }

    /// <summary>The earliest and latest date a plan may have: far enough to refuse a typing error like 20223.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>A period: both dates required and plausible, the end on or after the start (the error is on the end).</summary>
    public (DateOnly? Start, DateOnly? End) Period(string startField, DateOnly? start, string endField, DateOnly? end)
    {
        var s = Date(startField, start, EarliestDate, LatestDate);
        var e = Date(endField, end, EarliestDate, LatestDate);
        if (s is { } from && e is { } to && to < from)
        {
            Add(endField, L["Validation.EndBeforeStart", Label(endField), Label(startField)]);
            return (s, null);
        }
        return (s, e);
    }

    /// <summary>An ended spearpoint or indicator is kept as it was: true, with the error on <paramref name="field"/>, when it has ended.</summary>
    public bool Ended(string field, DateTime? endedAt)
    {
        if (endedAt is not { } ended)
        {
            return false;
        }
        Add(field, L["Validation.Ended", Label(field), Date(DashboardClock.LocalDate(ended))]);
        return true;
    }

    /// <summary>How long the reason for ending a spearpoint or an indicator may be.</summary>
    public const int EndReasonMax = 1000;

    /// <summary>Ending needs a reason, and what has ended already stays as it was: the reason, or null with the errors.</summary>
    public string? EndReason(string field, IEndable item, string? reason)
    {
        Ended(field, item.EndedAt);
        return Text("Reason", reason, EndReasonMax, required: true, multiline: true);
    }

    public double? Number(string field, double? value, double min, double max)
    {
        if (value is not { } number)
        {
            Add(field, L["Validation.Required", Label(field)]);
            return null;
        }
        if (!double.IsFinite(number))
        {
            Add(field, L["Validation.NotANumber", Label(field)]);
            return null;
        }
        if (number < min || number > max)
        {
            Add(field, L["Validation.OutOfRange", Label(field), Format(min), Format(max)]);
            return null;
        }
        return number;
    }

    public bool Choice<T>(string field, T value, IEnumerable<T> allowed) where T : struct, Enum
    {
        if (Enum.IsDefined(value) && allowed.Contains(value))
        {
            return true;
        }
        Add(field, L["Validation.InvalidChoice", Label(field)]);
        return false;
    }

    private static string Date(DateOnly date) => Format(date);

    private static string Format(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    private static string Format(double number) => number.ToString("0.##", CultureInfo.CurrentCulture);

    private static bool HasForbiddenCharacters(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)
                || (char.IsControl(c) && !(multiline && c is '\n' or '\t'))
                || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }
        return false;
    }
}
