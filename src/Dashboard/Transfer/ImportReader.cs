using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Common;
using Dashboard.Editing;
using Dashboard.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Transfer;

/// <summary>
/// Collects every problem of an import with its place, checking each value with the same rules
/// and Dutch messages as the editors (<see cref="FieldErrors"/>). Nothing is stored while any is found.
/// </summary>
public sealed class ImportProblems(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Enough to fix a file by; more would only bury the first ones.</summary>
    public const int Max = 200;

    private readonly List<ImportProblem> _problems = [];
    private int _more;

    public IStringLocalizer<SharedResource> L => localizer;
    public bool Any => _problems.Count > 0;

    /// <summary>How many problems were found so far, those beyond <see cref="Max"/> too.</summary>
    public int Count => _problems.Count + _more;

    public IReadOnlyList<ImportProblem> All => _more == 0
        ? _problems
        : [.. _problems, new ImportProblem("…", localizer.Count("Import.MoreProblems", _more))];

    public void Add(string where, string message)
    {
        if (_problems.Count < Max)
        {
            _problems.Add(new ImportProblem(where, message));
        }
        else
        {
            _more++;
        }
    }

    public FieldErrors NewErrors() => new(localizer);

    /// <summary>Moves the errors of one value, checked by <see cref="FieldErrors"/>, to its place.</summary>
    public void Take(string where, FieldErrors errors)
    {
        foreach (var message in errors.All.Values)
        {
            Add(where, message);
        }
    }

    public string Label(string field) => localizer[$"Field.{field}"];
}

/// <summary>
/// One JSON object of an import, read property by property. Each accessor checks type and rules and
/// reports a problem at the property's JSON path; <see cref="CheckUnknown"/> reports properties no
/// accessor asked for (a typo in a name must not silently drop data).
/// </summary>
public sealed partial class JsonScope
{
    private static readonly DateTime EarliestInstant = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly JsonElement _element;
    private readonly ImportProblems _problems;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private JsonScope(JsonElement element, string path, ImportProblems problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
    }

    public string Path { get; }

    /// <summary>Where this import's problems go, for rules that span several properties.</summary>
    public ImportProblems Problems => _problems;

    public static JsonScope? Of(JsonElement element, string path, ImportProblems problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, problems.L["Import.Expected.Object"]);
            return null;
        }
        return new JsonScope(element, path, problems);
    }

    public string At(string name) => $"{Path}.{name}";

    public string? Text(string name, int maxLength, bool required, bool multiline = false)
    {
        string? raw = null;
        if (Get(name) is { } value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                Wrong(name, "Text");
                return null;
            }
            raw = value.GetString();
        }
        var errors = _problems.NewErrors();
        var text = errors.Text(Field(name), raw, maxLength, required, multiline);
        _problems.Take(At(name), errors);
        return text;
    }

    public DateOnly? Date(string name, bool required, DateOnly? min = null, DateOnly? max = null)
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Wrong(name, "Date");
                return null;
        }
        var errors = _problems.NewErrors();
        var checkedDate = errors.Date(Field(name), date, min ?? DateOnly.MinValue, max ?? DateOnly.MaxValue);
        _problems.Take(At(name), errors);
        return checkedDate;
    }

    /// <summary>A moment in ISO 8601 with its offset ("2022-07-05T12:00:00Z"), as UTC; not before 2000, not in the future.</summary>
    public DateTime? Instant(string name, DateTime nowUtc, bool required = true)
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || !HasOffset().IsMatch(value.GetString()!) || !value.TryGetDateTimeOffset(out var moment))
        {
            Wrong(name, "Instant");
                return null;
        }
        var utc = moment.UtcDateTime;
        var latest = nowUtc.AddDays(1);
        if (utc < EarliestInstant || utc > latest)
        {
            _problems.Add(At(name), _problems.L["Validation.DateOutside", Label(name),
                Fmt.Date(DateOnly.FromDateTime(EarliestInstant)), Fmt.Date(DateOnly.FromDateTime(latest))]);
            return null;
        }
        return utc;
    }

    public double? Number(string name, double min, double max)
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required: true);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            Wrong(name, "Number");
                return null;
        }
        var errors = _problems.NewErrors();
        var checkedNumber = errors.Number(Field(name), number, min, max);
        _problems.Take(At(name), errors);
        return checkedNumber;
    }

    public int? Int(string name, bool required, int min, int max)
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Wrong(name, "Whole");
                return null;
        }
        if (number < min || number > max)
        {
            _problems.Add(At(name), _problems.L["Validation.OutOfRange", Label(name), min, max]);
            return null;
        }
        return number;
    }

    public bool Bool(string name, bool fallback)
    {
        if (Get(name) is not { } value)
        {
            return fallback;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Wrong(name, "Bool");
            return fallback;
        }
        return value.GetBoolean();
    }

    /// <summary>An enum by name ("OnTrack"), limited to <paramref name="allowed"/>.</summary>
    public T? Enum<T>(string name, IEnumerable<T> allowed, bool required = true) where T : struct, Enum
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required);
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (text.Length == 0 || !char.IsLetter(text[0]) || !System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed)
            || !allowed.Contains(parsed))
        {
            _problems.Add(At(name), _problems.L["Validation.InvalidChoice", Label(name)]);
            return null;
        }
        return parsed;
    }

    /// <summary>The objects of an array property, each as a scope with its path ("…milestones[2]"); a missing list is empty.</summary>
    public IReadOnlyList<JsonScope> Objects(string name)
    {
        if (Array(name) is not { } items)
        {
            return [];
        }
        var scopes = new List<JsonScope>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (Of(item, $"{At(name)}[{i}]", _problems) is { } scope)
            {
                scopes.Add(scope);
            }
            i++;
        }
        return scopes;
    }

    /// <summary>The strings of an array property, with their paths.</summary>
    public IReadOnlyList<(string Path, string Value)> Strings(string name)
    {
        if (Array(name) is not { } items)
        {
            return [];
        }
        var values = new List<(string, string)>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"{At(name)}[{i++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add((path, item.GetString()!));
            }
            else
            {
                _problems.Add(path, _problems.L["Import.Expected.Text", Label(name)]);
            }
        }
        return values;
    }

    public JsonScope? Object(string name, bool required = true)
    {
        if (Get(name) is not { } value)
        {
            Missing(name, required);
            return null;
        }
        return Of(value, At(name), _problems);
    }

    /// <summary>Whether the property is there with a value (not null), whether or not that value is valid.</summary>
    public bool Has(string name) => Get(name) is not null;

    /// <summary>Marks a property as known without reading it (it is ignored on import).</summary>
    public void Ignore(string name) => _read.Add(name);

    public void CheckUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                _problems.Add(At(property.Name), _problems.L["Import.UnknownField", property.Name]);
            }
        }
    }

    private JsonElement? Array(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Wrong(name, "List");
            return null;
        }
        return value;
    }

    /// <summary>The property's value; null when absent or JSON null.</summary>
    private JsonElement? Get(string name)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private void Missing(string name, bool required)
    {
        if (required)
        {
            _problems.Add(At(name), _problems.L["Validation.Required", Label(name)]);
        }
    }

    private void Wrong(string name, string expected) =>
        _problems.Add(At(name), _problems.L[$"Import.Expected.{expected}", Label(name)]);

    private string Label(string name) => _problems.Label(Field(name));

    /// <summary>The resource name of a JSON property: "dueDate" is Field.DueDate.</summary>
    private static string Field(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}
