using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>The two seeded briefings of demo-data.md.</summary>
public static class DemoBriefings
{
    public static readonly DateOnly October = new(2022, 10, 11);
    public static readonly DateOnly February = new(2023, 2, 14);

    public static async Task<int> IdAsync(this TestApp app, DateOnly date)
    {
        await using var db = app.CreateDb();
        return await db.Briefings.Where(b => b.Date == date).Select(b => b.Id).SingleAsync();
    }
}
