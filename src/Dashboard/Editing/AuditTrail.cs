using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Editing;

/// <summary>
/// The append-only audit trail: a successful change is recorded in the same transaction as the
/// change itself; a refused one in a transaction of its own, with nothing else written.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<DashboardDbContext> dbFactory, DashboardClock clock)
{
    /// <summary>Long attempted values (a 1 MB paste) are cut in the audit, so refusals cannot fill the disk.</summary>
    private const int MaxAuditedText = 500;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Add(DashboardDbContext db, Actor actor, string action, string objectType, object? objectId, int? spearpointId,
        object? oldValues, object? newValues, string? message = null) =>
        db.AuditEntries.Add(Entry(actor, action, objectType, objectId, spearpointId, AuditResult.Success, oldValues, newValues, message));

    /// <summary>A successful change made outside the services' own transactions (the command line).</summary>
    public async Task RecordAsync(Actor actor, string action, string objectType, object? objectId, object? newValues, string? message = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(actor, action, objectType, objectId, null, AuditResult.Success, null, newValues, message));
        await db.SaveChangesAsync(ct);
    }

    public async Task RefusedAsync(Actor actor, string action, string objectType, object? objectId, int? spearpointId,
        AuditResult result, object? attempted, string? message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(actor, action, objectType, objectId, spearpointId, result, null, attempted, message));
        await db.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(Actor actor, string action, string objectType, object? objectId, int? spearpointId,
        AuditResult result, object? oldValues, object? newValues, string? message) => new()
    {
        AtUtc = clock.UtcNow,
        Actor = Cut(actor.AuditName, 200),
        Action = action,
        ObjectType = objectType,
        ObjectId = objectId?.ToString(),
        SpearpointId = spearpointId,
        Result = result,
        Origin = Cut(actor.Origin, 200),
        OldValues = Serialize(oldValues),
        NewValues = Serialize(newValues),
        Message = message is null ? null : Cut(message, 2000),
    };

    public static string? Serialize(object? values)
    {
        if (values is null)
        {
            return null;
        }
        var node = JsonSerializer.SerializeToNode(values, values.GetType(), Json);
        CutStrings(node);
        return node?.ToJsonString(Json);
    }

    private static void CutStrings(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return;
        }
        foreach (var (key, value) in obj.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > MaxAuditedText)
            {
                obj[key] = $"{s[..MaxAuditedText]}… ({s.Length} tekens)";
            }
            else
            {
                CutStrings(value);
            }
        }
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
