using Dashboard.Briefings;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Servers;

namespace Dashboard.Tests.Support;

/// <summary>Small plans for rule tests, written straight into the database as history would be.</summary>
public sealed class PlanBuilder
{
    private readonly Plan _plan;

    public PlanBuilder(DateOnly start, DateOnly end, string name = "Testplan")
    {
        _plan = new Plan { Name = name, Organisation = "Testgemeente", StartDate = start, EndDate = end };
    }

    /// <summary>Raad ziet: Vastgestelde stand (a new plan's default in the app; Actuele stand here unless asked).</summary>
    public PlanBuilder CouncilSeesReleased()
    {
        _plan.CouncilSees = CouncilView.Released;
        return this;
    }

    public Spearpoint Spearpoint(string code, SpearpointKind kind = SpearpointKind.Development)
    {
        var s = new Spearpoint { Code = code, Title = $"Speerpunt {code}", Kind = kind, SortOrder = _plan.Spearpoints.Count + 1 };
        _plan.Spearpoints.Add(s);
        return s;
    }

    public static StatusUpdate Update(Spearpoint s, Status status, DateTime recordedAtUtc, string explanation = "Toelichting")
    {
        var u = new StatusUpdate
        {
            Status = status, Explanation = explanation, Author = "Test", RecordedAt = recordedAtUtc,
            Cause = status.RequiresExplanation() ? "Oorzaak" : null,
            Consequence = status.RequiresExplanation() ? "Gevolg" : null,
            CorrectiveAction = status.RequiresExplanation() ? "Bijsturing" : null,
        };
        s.StatusUpdates.Add(u);
        return u;
    }

    /// <summary>A milestone with its first revision; <paramref name="then"/> adds later ones.</summary>
    public static Milestone Milestone(Spearpoint s, string title, DateOnly due, DateTime createdUtc,
        params (DateTime AtUtc, Action<Milestone> Change)[] then)
    {
        var m = new Milestone
        {
            Title = title, DueDate = due, OriginalDueDate = due, State = Status.NotStarted,
            SortOrder = s.Milestones.Count + 1, CreatedAt = createdUtc,
        };
        m.Revisions.Add(MilestoneRevision.Of(m, "Test", createdUtc));
        foreach (var (at, change) in then)
        {
            change(m);
            m.Revisions.Add(MilestoneRevision.Of(m, "Test", at));
        }
        s.Milestones.Add(m);
        return m;
    }

    public async Task<Plan> SaveAsync(DashboardDbContext db)
    {
        db.Plans.Add(_plan);
        await db.SaveChangesAsync();
        return _plan;
    }
}
