using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Mail;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Questions;

/// <summary>A question whose answer is due, for its owner's (or the plan's editors') daily reminder.</summary>
public sealed record DueQuestion(int Id, int PlanId, string SpearpointCode, string SpearpointTitle, string AskedBy, string Text, DateTime AnswerBy,
    bool IsDemo, IReadOnlyList<string> AnswererIds);

/// <summary>What one raadslid's round-up holds: the questions of a plan they may see, answered (or corrected) in the window.</summary>
public sealed record RoundUpPlan(int PlanId, string PlanName, bool IsDemo, IReadOnlyList<QuestionView> Questions);

/// <summary>
/// The daily round-up of answers to technische vragen, to every enabled raadslid who turned it on under Meldingen. The round-up
/// of a Dutch day holds the answers and corrections given from the start of the day of the reader's previous round-up (or of
/// yesterday, for a first one) until the start of today: windows that touch, so every answer is in exactly one round-up, and
/// the key "answers:{userId}:{date}" makes it at most one a day. What a reader sees is <see cref="QuestionReader.See"/>'s
/// choice, so someone else's non-public question never reaches them.
/// </summary>
public sealed class AnswerRoundUps(IDbContextFactory<DashboardDbContext> dbFactory, QuestionQueries questions, UserDirectory users,
    DashboardClock clock)
{
    public static string Key(string userId, DateOnly day) => $"answers:{userId}:{Fmt.Iso(day)}";

    public sealed record Reader(string Id, string Email, string Language);

    /// <summary>The raadsleden who want the round-up.</summary>
    public async Task<List<Reader>> ReadersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UserDirectory.CouncilMembers(db)
            .Where(u => u.ReceiveAnswerRoundUps)
            .OrderBy(u => u.Email)
            .Select(u => new Reader(u.Id, u.Email!, u.Language))
            .ToListAsync(ct);
    }

    /// <summary>
    /// What the reader's round-up of today holds, plan by plan; empty when nothing was answered that they may see. The plans'
    /// questions are read once per run (<paramref name="cache"/>).
    /// </summary>
    public async Task<IReadOnlyList<RoundUpPlan>> ForAsync(string userId, Dictionary<int, (PlanQuestions Questions, string Name, bool IsDemo)> cache,
        CancellationToken ct)
    {
        var until = DashboardClock.StartOfDayUtc(clock.Today);
        List<int> planIds;
        DateTime since;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var last = await db.OutboxMessages.AsNoTracking().Where(m => m.UserId == userId && m.Kind == MessageKind.AnswerRoundUp)
                .MaxAsync(m => (DateTime?)m.CreatedAt, ct);
            since = DashboardClock.StartOfDayUtc(last is { } at ? DashboardClock.LocalDate(at) : clock.Today.AddDays(-1));
            planIds = await db.Questions.AsNoTracking().Where(q => q.Answers.Any(a => a.AnsweredAt >= since && a.AnsweredAt < until))
                .Select(q => q.PlanId).Distinct().OrderBy(id => id).ToListAsync(ct);
            foreach (var id in planIds.Where(id => !cache.ContainsKey(id)))
            {
                var plan = await db.Plans.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.IsDemo }).FirstAsync(ct);
                cache[id] = (await questions.ReadPlanAsync(id, ct), plan.Name, plan.IsDemo);
            }
        }
        if (planIds.Count == 0)
        {
            return [];
        }
        var actor = await users.ActorForAsync(userId, "mail: antwoorden", ct);
        var result = new List<RoundUpPlan>();
        foreach (var id in planIds)
        {
            var (planQuestions, name, isDemo) = cache[id];
            var reader = await questions.ReaderAsync(actor, id, ct);
            var answered = reader.See(planQuestions).Where(v => v.Answers.Any(a => a.At >= since && a.At < until)).ToList();
            if (answered.Count > 0)
            {
                result.Add(new RoundUpPlan(id, name, isDemo, answered));
            }
        }
        return result;
    }
}
