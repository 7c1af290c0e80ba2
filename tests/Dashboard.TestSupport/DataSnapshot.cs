using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>Every row of the domain tables as text, to prove that a refused write changed nothing.</summary>
public static class DataSnapshot
{
    private static readonly string[] DomainTables =
        ["Plans", "Spearpoints", "SpearpointRevisions", "StatusUpdates", "Milestones", "MilestoneRevisions", "Indicators", "Measurements", "Briefings", "BriefingSpearpoints", "Questions", "QuestionAnswers", "SpearpointLinks"];

    public static Task<string> TakeAsync(TestApp app) =>
        TakeAsync(app, DomainTables.Select(t => (t, "1 = 1")));

    /// <summary>Every row of one plan (its spearpoints and their revisions, history, milestones, indicators, briefings), to prove it is untouched.</summary>
    public static Task<string> TakePlanAsync(TestApp app, int planId)
    {
        var spearpoints = $"SELECT \"Id\" FROM \"Spearpoints\" WHERE \"PlanId\" = {planId}";
        return TakeAsync(app,
        [
            ("Plans", $"\"Id\" = {planId}"),
            ("Spearpoints", $"\"PlanId\" = {planId}"),
            ("SpearpointRevisions", $"\"SpearpointId\" IN ({spearpoints})"),
            ("StatusUpdates", $"\"SpearpointId\" IN ({spearpoints})"),
            ("Milestones", $"\"SpearpointId\" IN ({spearpoints})"),
            ("MilestoneRevisions", $"\"MilestoneId\" IN (SELECT \"Id\" FROM \"Milestones\" WHERE \"SpearpointId\" IN ({spearpoints}))"),
            ("Indicators", $"\"SpearpointId\" IN ({spearpoints})"),
            ("Measurements", $"\"IndicatorId\" IN (SELECT \"Id\" FROM \"Indicators\" WHERE \"SpearpointId\" IN ({spearpoints}))"),
            ("Briefings", $"\"PlanId\" = {planId}"),
            ("BriefingSpearpoints", $"\"SpearpointsId\" IN ({spearpoints})"),
        ]);
    }

    private static async Task<string> TakeAsync(TestApp app, IEnumerable<(string Table, string Where)> tables)
    {
        await using var db = app.CreateDb();
        await db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var (table, where) in tables)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY 1, 2";
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
