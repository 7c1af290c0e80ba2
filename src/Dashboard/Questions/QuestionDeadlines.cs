using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Questions;

/// <summary>
/// The "Questions" section of the settings: the default deadlines of a briefing, in working days before its session and a
/// Dutch clock time (questions in four working days before at 12:00, answered one working day before at 16:00).
/// </summary>
public sealed class QuestionOptions
{
    public const string Section = "Questions";

    public int AskWorkingDaysBefore { get; set; } = 4;
    public TimeOnly AskUntil { get; set; } = new(12, 0);
    public int AnswerWorkingDaysBefore { get; set; } = 1;
    public TimeOnly AnswerBy { get; set; } = new(16, 0);
}

/// <summary>A briefing's *vragen tot* and *antwoord uiterlijk* (UTC), as set on it or by default from <see cref="QuestionOptions"/>.</summary>
public sealed record Deadlines(DateTime QuestionsUntil, DateTime AnswersBy);

/// <summary>The deadlines of technische vragen: per briefing, and for a question without one those of the next coming briefing.</summary>
public sealed class QuestionDeadlines(IOptions<QuestionOptions> options, DashboardClock clock)
{
    public Deadlines For(Briefing briefing)
    {
        var o = options.Value;
        return new Deadlines(
            briefing.QuestionsUntil ?? AtUtc(WorkingDaysBefore(briefing.Date, o.AskWorkingDaysBefore), o.AskUntil),
            briefing.AnswersBy ?? AtUtc(WorkingDaysBefore(briefing.Date, o.AnswerWorkingDaysBefore), o.AnswerBy));
    }

    /// <summary>The plan's next briefing on or after today (Dutch date), or null when none is planned.</summary>
    public async Task<Briefing?> NextBriefingAsync(DashboardDbContext db, int planId, CancellationToken ct)
    {
        var today = clock.Today;
        return await db.Briefings.AsNoTracking().Where(b => b.PlanId == planId && b.Date >= today)
            .OrderBy(b => b.Date).ThenBy(b => b.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The day <paramref name="days"/> working days (Monday to Friday) before <paramref name="date"/>.</summary>
    public static DateOnly WorkingDaysBefore(DateOnly date, int days)
    {
        var day = date;
        while (days > 0)
        {
            day = day.AddDays(-1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }
        return day;
    }

    /// <summary>The first working day (Monday to Friday) after <paramref name="date"/>.</summary>
    public static DateOnly NextWorkingDay(DateOnly date)
    {
        var day = date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>A Dutch date and clock time as the UTC instant it is.</summary>
    public static DateTime AtUtc(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), DashboardClock.Zone);
}
