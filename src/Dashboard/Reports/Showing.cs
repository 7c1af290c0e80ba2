namespace Dashboard.Reports;

/// <summary>The released rapportage a page shows: which one, its peildatum, who released it when, and the hash of its stored bytes.</summary>
public sealed record ReleaseStamp(int ReportId, DateOnly ReferenceDate, string ReleasedBy, DateTime ReleasedAt, string Sha256);

public enum ShowingKind
{
    /// <summary>The plan as it is now (or on the asked peildatum), from the live history.</summary>
    Live = 0,
    /// <summary>A released rapportage, read back from its stored bytes.</summary>
    Released = 1,
    /// <summary>The plan shows the council released state, and nothing has been released yet.</summary>
    NothingReleased = 2,
}

/// <summary>
/// Which state a page, brief, slide or API answer shows, so that it can say so: live; live while the council sees a released
/// rapportage (<see cref="CouncilSeesReleased"/>, with the latest one when there is one); or that released rapportage.
/// </summary>
public sealed record Showing(ShowingKind Kind, bool CouncilSeesReleased, ReleaseStamp? Release)
{
    /// <summary>A plan whose council sees the live state: nothing to say.</summary>
    public static Showing Live { get; } = new(ShowingKind.Live, false, null);

    public bool IsReleased => Kind == ShowingKind.Released;

    public bool IsNothingReleased => Kind == ShowingKind.NothingReleased;
}
