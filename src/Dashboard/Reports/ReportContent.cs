using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Briefings;
using Dashboard.Progress;

namespace Dashboard.Reports;

/// <summary>
/// A rapportage as handed in: the plan's state at the peildatum, every spearpoint with its status, explanation, cause,
/// consequence and correction, milestones and indicators, what changed since the previous released rapportage, the
/// samenvatting and the notes. Stored as UTF-8 JSON (<see cref="ToBytes"/>); a released one is only ever read back from
/// those bytes, so its page, PDF, API answer and export cannot drift from what the vaststeller approved.
/// </summary>
public sealed record ReportContent(
    int ReportId,
    PlanHeader Plan,
    DateOnly ReferenceDate,
    string Summary,
    string PreparedBy,
    ReportRef? Previous,
    IReadOnlyList<SpearpointBrief> Spearpoints,
    IReadOnlyList<PlanChange> PlanChanges,
    IReadOnlyDictionary<int, string> Notes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ReportContent FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<ReportContent>(bytes, Json) ?? throw new InvalidDataException("An empty rapportage document.");

    /// <summary>The SHA-256 of the stored bytes, as lower-case hex: printed on the PDF, so a reader can check a copy.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Another rapportage, to refer to ("sinds de rapportage van 31 december 2022").</summary>
public sealed record ReportRef(int Id, DateOnly ReferenceDate);
