namespace Dashboard.Common;

/// <summary>
/// Dutch time on top of the injected <see cref="TimeProvider"/>: times are stored in UTC
/// and dates are Dutch calendar dates (Europe/Amsterdam).
/// </summary>
public sealed class DashboardClock(TimeProvider time)
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>
    /// Now, in whole microseconds: what PostgreSQL keeps of an instant, so that a time the app stores reads back as it
    /// was, on either database (SQLite would keep the 100-nanosecond ticks, PostgreSQL would drop them).
    /// </summary>
    public DateTime UtcNow
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            return now.AddTicks(-(now.Ticks % TicksPerMicrosecond));
        }
    }

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The UTC instant at which the given Dutch calendar day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>
    /// The reference point for a plan: an explicit peildatum rebuilds the history up to the end of
    /// that day; without one the dashboard shows everything recorded so far, judged against today
    /// or, once the plan has ended, against its end date.
    /// </summary>
    public ReferencePoint Resolve(DateOnly planEnd, DateOnly? requested)
    {
        if (requested is { } date)
        {
            return new ReferencePoint(date, IsExplicit: true, StartOfDayUtc(date.AddDays(1)));
        }
        var today = Today;
        return new ReferencePoint(today > planEnd ? planEnd : today, IsExplicit: false, DateTime.MaxValue);
    }
}

/// <summary>The date the derived rules are judged on, and the moment history is cut off.</summary>
public sealed record ReferencePoint(DateOnly Date, bool IsExplicit, DateTime CutoffUtc)
{
    public bool Includes(DateTime recordedAtUtc) => recordedAtUtc < CutoffUtc;
}
