using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>The two briefings the demo plan seeds: 11 October 2022 and 14 February 2023.</summary>
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
