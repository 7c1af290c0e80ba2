using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Api;

/// <summary>The few look-ups the API needs beyond the pages' read models: where an id lives, and its version now.</summary>
public sealed class ApiQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>The spearpoint an indicator of this plan belongs to; null for an id of another plan or none.</summary>
    public async Task<int?> SpearpointOfIndicatorAsync(int planId, int indicatorId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Indicators.Where(i => i.Id == indicatorId && i.Spearpoint!.PlanId == planId).Select(i => (int?)i.SpearpointId).FirstOrDefaultAsync(ct);
    }

    public async Task<int?> SpearpointVersionAsync(int planId, int spearpointId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Spearpoints.Where(s => s.Id == spearpointId && s.PlanId == planId).Select(s => (int?)s.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<int?> MilestoneVersionAsync(int planId, int milestoneId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Milestones.Where(m => m.Id == milestoneId && m.Spearpoint!.PlanId == planId).Select(m => (int?)m.Version).FirstOrDefaultAsync(ct);
    }
}
