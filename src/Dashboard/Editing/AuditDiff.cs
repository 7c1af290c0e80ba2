using System.Text.Json;
using Dashboard.Progress;

namespace Dashboard.Editing;

/// <summary>Turns the old and new values of an audit entry (JSON objects) into the fields that changed.</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditChange> Changes(string? oldJson, string? newJson)
    {
        var old = Read(oldJson);
        var @new = Read(newJson);
        return old.Keys.Union(@new.Keys)
            .Select(k => new AuditChange(k, old.GetValueOrDefault(k), @new.GetValueOrDefault(k)))
            .Where(c => c.Old != c.New)
            .ToList();
    }

    private static Dictionary<string, string?> Read(string? json)
    {
        var values = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return values;
            }
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
            // An unreadable entry shows without details rather than breaking the page.
        }
        return values;
    }
}
