using Dashboard.Data.Backups;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dashboard.Tests.Data;

/// <summary>
/// kill -9 in the middle of a stream of acknowledged writes: after a restart every acknowledged
/// write is there and the file is sound. The writer is the app's own wiring and services in a
/// separate process (tests/Dashboard.CrashWriter: the app has no write API without sign-in).
/// </summary>
[Trait("Category", "Process")]
public class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 5;

    [Fact]
    public async Task KilledDuringWrites_EveryAcknowledgedWriteSurvives_AndTheFileIsSound()
    {
        var dir = Directory.CreateTempSubdirectory("dashboard-crash-");
        var file = Path.Combine(dir.FullName, "dashboard.db");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}, database {file}");
        var acknowledged = new List<string[]>();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                // Each round restarts the writer on the file the previous one was killed on.
                using var writer = AppProcess.Start("Dashboard.CrashWriter.dll", [file, round.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                var first = writer.NextLine(TimeSpan.FromSeconds(60));
                Assert.True(first?.StartsWith("ACK ", StringComparison.Ordinal) == true, $"round {round}: no first write ({first}): {writer.Errors}");
                acknowledged.Add(first!.Split(' '));

                await Task.Delay(random.Next(50, 1200));
                writer.Kill();
                await writer.WaitAsync(TimeSpan.FromSeconds(30));
                // What reached the pipe before the kill was acknowledged: each line follows its commit.
                var lines = writer.RemainingLines().ToList();
                Assert.All(lines, l => Assert.StartsWith("ACK ", l));
                acknowledged.AddRange(lines.Select(l => l.Split(' ')));
                output.WriteLine($"round {round}: killed after {lines.Count + 1} acknowledged writes");

                await AssertAllPresentAsync(file, acknowledged, $"seed {seed}, round {round}");
            }
            Assert.True(acknowledged.Count >= Rounds * 2, $"only {acknowledged.Count} writes in {Rounds} rounds");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Opening the file is the restart: SQLite recovers from the WAL, as the app would on start-up.</summary>
    private static async Task AssertAllPresentAsync(string file, List<string[]> acknowledged, string context)
    {
        await using var db = new SqliteConnection(SqliteFile.ConnectionString(file));
        await db.OpenAsync();
        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(db));

        foreach (var ack in acknowledged)
        {
            var (sql, id, marker) = ack[1] switch
            {
                "status" => ("SELECT count(*) FROM StatusUpdates WHERE Id = $id AND Explanation = $marker", ack[2], ack[3]),
                "measurement" => ("SELECT count(*) FROM Measurements WHERE Id = $id AND Note = $marker", ack[2], ack[3]),
                "milestone" => ("SELECT count(*) FROM Milestones WHERE Id = $id AND Title = $marker", ack[2], ack[3]),
                "edit" => ("SELECT count(*) FROM MilestoneRevisions r JOIN Milestones m ON m.Id = r.MilestoneId " +
                           $"WHERE r.MilestoneId = $id AND r.Title = $marker AND m.Version >= {int.Parse(ack[3], System.Globalization.CultureInfo.InvariantCulture)}",
                           ack[2], ack[4]),
                _ => throw new InvalidOperationException(string.Join(' ', ack)),
            };
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$marker", marker);
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 1, $"{context}: acknowledged write lost: {string.Join(' ', ack)}");

            // Its audit line was in the same transaction.
            command.CommandText = "SELECT count(*) FROM AuditEntries WHERE Origin = 'crash-test' AND Result = 'Success' AND NewValues LIKE $like";
            command.Parameters.AddWithValue("$like", $"%{marker}\"%");
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 1, $"{context}: audit line lost: {string.Join(' ', ack)}");
        }
    }
}
