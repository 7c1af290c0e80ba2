
namespace Dashboard.Editing;

public enum SaveOutcome
{
    Saved,
    Invalid,
    Conflict,
    Forbidden,
    NotFound,
}

/// <summary>
/// What a write method answers. Nothing throws for a refusal: the form shows <see cref="Message"/>,
/// each field its own entry of <see cref="FieldErrors"/> (keyed by the command's property name),
/// and after a conflict <see cref="ConflictDetails"/> says what the other person saved.
/// </summary>
public sealed record SaveResult(
    SaveOutcome Outcome,
    string? Message = null,
    IReadOnlyDictionary<string, string>? FieldErrors = null,
    string? ConflictDetails = null,
    int? Version = null,
    long? CreatedId = null)
{
    public bool Succeeded => Outcome == SaveOutcome.Saved;

    public string? ErrorFor(string field) => FieldErrors?.GetValueOrDefault(field);
}
