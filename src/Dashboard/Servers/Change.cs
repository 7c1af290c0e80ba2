namespace Dashboard.Servers;

public enum ChangeKind
{
    /// <summary>A spearpoint's state: its cards and its page.</summary>
    Spearpoint,
    /// <summary>A plan's list of spearpoints: its overviews.</summary>
    Plan,
    /// <summary>The presenter's slide.</summary>
    Slide,
    /// <summary>A plan's released state: a rapportage was released (vastgesteld), the council's screens move to it.</summary>
    Release,
    /// <summary>A plan's technische vragen: asked, answered, withdrawn; each screen shows what its reader may see.</summary>
    Questions,
}

/// <summary>
/// What a committed save changed, as small as a notification can be: a kind and an id, never the data. Every
/// instance reads the new state itself, once for all its viewers.
/// </summary>
public readonly record struct Change(ChangeKind Kind, int Id)
{
    public static Change OfSpearpoint(int id) => new(ChangeKind.Spearpoint, id);
    public static Change OfPlan(int id) => new(ChangeKind.Plan, id);
    public static Change OfSlide { get; } = new(ChangeKind.Slide, 0);
    public static Change OfRelease(int planId) => new(ChangeKind.Release, planId);
    public static Change OfQuestions(int planId) => new(ChangeKind.Questions, planId);

    private static readonly char[] Separators = [' '];

    /// <summary>"p3 s12 x0 r3 q3": a plan, a spearpoint, the slide, a plan's release, a plan's questions; PostgreSQL's NOTIFY takes up to 8000 bytes.</summary>
    public static string Format(IEnumerable<Change> changes) =>
        string.Join(' ', changes.Distinct().Select(c => $"{Letter(c.Kind)}{c.Id}"));

    /// <summary>The changes in a payload; anything not understood (a newer version's kind) is left out.</summary>
    public static IReadOnlyList<Change> Parse(string? payload)
    {
        var changes = new List<Change>();
        foreach (var token in (payload ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            ChangeKind? kind = token[0] switch { 's' => ChangeKind.Spearpoint, 'p' => ChangeKind.Plan, 'x' => ChangeKind.Slide, 'r' => ChangeKind.Release, 'q' => ChangeKind.Questions, _ => null };
            if (kind is { } k && int.TryParse(token.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                changes.Add(new Change(k, id));
            }
        }
        return changes;
    }

    private static char Letter(ChangeKind kind) => kind switch
    {
        ChangeKind.Spearpoint => 's',
        ChangeKind.Plan => 'p',
        ChangeKind.Release => 'r',
        ChangeKind.Questions => 'q',
        _ => 'x',
    };
}
