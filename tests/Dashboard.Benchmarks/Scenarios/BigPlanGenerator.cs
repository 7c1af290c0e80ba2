using Dashboard.Briefings;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Scenarios;

public sealed record GeneratedData(int CurrentPlanId, int SpearpointId, int SpearpointUpdates, int SpearpointMeasurements, long Rows, double Seconds);

/// <summary>
/// Fills a fresh database (the real migrations) with many plans of 8 spearpoints each: milestones with
/// a revision each, status updates each with its audit line, and as many measurements over 2 indicators
/// per spearpoint. The last plan runs today, so the overview shows it.
/// </summary>
public static class BigPlanGenerator
{
    private const int SpearpointsPerPlan = 8;
    private static readonly Status[] Cycle = [Status.OnTrack, Status.OnTrack, Status.NeedsAttention, Status.OnTrack, Status.Delayed, Status.OnTrack];

    public static async Task<GeneratedData> GenerateAsync(string file, DataSize size)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connection).Options;
        await using (var db = new DashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        }

        var spearpoints = size.Plans * SpearpointsPerPlan;
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        long rows = 0;
        int currentPlan = 0, firstSpearpoint = 0, firstUpdates = 0, firstMeasurements = 0;
        var index = 0;
        for (var p = 0; p < size.Plans; p++)
        {
            var end = today.AddDays(60).AddYears(p - (size.Plans - 1));
            var start = end.AddYears(-1).AddDays(1);
            var startUtc = start.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            var lastUtc = end < today ? end.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc) : now.AddHours(-1);
            var plan = new Plan
            {
                Name = $"Jaarplan {start.Year}-{end.Year} ({p + 1})",
                Organisation = "Benchmarkgemeente",
                StartDate = start,
                EndDate = end,
            };
            var counts = new List<(Spearpoint Spearpoint, int Updates, int Measurements)>();
            for (var s = 0; s < SpearpointsPerPlan; s++, index++)
            {
                var sp = new Spearpoint
                {
                    Kind = s < 4 ? SpearpointKind.Development : SpearpointKind.Substantive,
                    Code = (s < 4 ? "SP" : "IS") + (s % 4 + 1),
                    Title = $"Speerpunt {s + 1} van plan {p + 1}",
                    Description = "Gegenereerd voor de benchmark: veel geschiedenis, geen echte cijfers.",
                    OwnerRole = "Manager",
                    SortOrder = s + 1,
                };
                var updates = Share(size.Updates, spearpoints, index);
                for (var u = 0; u < updates; u++)
                {
                    var status = Cycle[u % Cycle.Length];
                    sp.StatusUpdates.Add(new StatusUpdate
                    {
                        Status = status,
                        Explanation = $"Voortgangsbericht {u + 1}: de werkzaamheden lopen volgens de planning van dit kwartaal.",
                        Cause = status.RequiresExplanation() ? "Minder capaciteit door ziekte." : null,
                        Consequence = status.RequiresExplanation() ? "De mijlpaal schuift mogelijk op." : null,
                        CorrectiveAction = status.RequiresExplanation() ? "Inzet van de flexpool." : null,
                        Author = "Manager",
                        RecordedAt = Between(startUtc, lastUtc, u + 1, updates + 1),
                    });
                }
                var milestones = Share(size.Milestones, spearpoints, index);
                for (var m = 0; m < milestones; m++)
                {
                    var due = start.AddDays((int)((end.DayNumber - start.DayNumber) * (m + 1.0) / (milestones + 1)));
                    var created = startUtc.AddDays(m);
                    var milestone = new Milestone
                    {
                        Title = $"Mijlpaal {m + 1}", DueDate = due, OriginalDueDate = due, State = Status.OnTrack,
                        SortOrder = m + 1, CreatedAt = created,
                    };
                    milestone.Revisions.Add(MilestoneRevision.Of(milestone, "Manager", created));
                    if (due < today)
                    {
                        milestone.State = Status.Done;
                        milestone.CompletedOn = due;
                        milestone.Revisions.Add(MilestoneRevision.Of(milestone, "Manager", due.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)));
                    }
                    sp.Milestones.Add(milestone);
                }
                var measurements = Share(size.Updates, spearpoints, index);
                for (var i = 0; i < 2; i++)
                {
                    var indicator = new Indicator
                    {
                        Name = $"Indicator {i + 1}", Unit = "%", Baseline = 10, Target = 80,
                        Direction = IndicatorDirection.HigherIsBetter, SortOrder = i + 1,
                    };
                    var n = measurements / 2 + (i == 0 ? measurements % 2 : 0);
                    for (var k = 0; k < n; k++)
                    {
                        var at = Between(startUtc, lastUtc, k + 1, n + 1);
                        indicator.Measurements.Add(new Measurement
                        {
                            Date = DateOnly.FromDateTime(at), Value = 10 + 70.0 * k / Math.Max(1, n), Author = "Manager", RecordedAt = at,
                        });
                    }
                    sp.Indicators.Add(indicator);
                }
                plan.Spearpoints.Add(sp);
                counts.Add((sp, updates, measurements));
                rows += 1 + updates + milestones * 3 + 2 + measurements;
            }

            await using (var db = new DashboardDbContext(options))
            {
                db.Plans.Add(plan);
                await db.SaveChangesAsync();
            }
            // Every change leaves an audit line, as the editors do.
            await using (var db = new DashboardDbContext(options))
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                foreach (var sp in plan.Spearpoints)
                {
                    db.AuditEntries.AddRange(sp.StatusUpdates.Select(u => new AuditEntry
                    {
                        AtUtc = u.RecordedAt, Actor = u.Author, Action = "UpdateStatus", ObjectType = nameof(Spearpoint),
                        ObjectId = sp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), SpearpointId = sp.Id,
                        Result = AuditResult.Success, Origin = "benchmark", NewValues = $"{{\"Status\":\"{u.Status}\"}}",
                    }));
                    rows += sp.StatusUpdates.Count;
                }
                await db.SaveChangesAsync();
            }
            if (p == size.Plans - 1)
            {
                currentPlan = plan.Id;
                (var first, firstUpdates, firstMeasurements) = counts[0];
                firstSpearpoint = first.Id;
            }
        }
        await using (var db = new DashboardDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        return new GeneratedData(currentPlan, firstSpearpoint, firstUpdates, firstMeasurements, rows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The share of <paramref name="total"/> for item <paramref name="i"/> of <paramref name="count"/>, spread evenly.</summary>
    private static int Share(int total, int count, int i) => total / count + (i < total % count ? 1 : 0);

    private static DateTime Between(DateTime from, DateTime to, int step, int steps) =>
        from.AddTicks((long)((to - from).Ticks * (double)step / steps));
}
