using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>Every row of the domain tables as text, to prove that a refused write changed nothing.</summary>
public static class DataSnapshot
{
    private static readonly string[] DomainTables =
        ["Plans", "Spearpoints", "SpearpointRevisions", "StatusUpdates", "Milestones", "MilestoneRevisions", "Indicators", "Measurements", "Briefings", "BriefingSpearpoints"];

    public static async Task<string> TakeAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        await db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var table in DomainTables)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            await using var reader = await command.ExecuteReaderAsync();
            text.Append('#').AppendLine(table);
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    public static async Task<int> AuditCountAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.AuditEntries.CountAsync();
    }
}
