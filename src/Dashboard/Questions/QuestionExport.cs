using System.Globalization;
using System.Text;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Questions;

/// <summary>The questions of one briefing for the griffie, as one reader may have them: with the plan's rights, all of them.</summary>
public sealed record QuestionExportModel(PlanHeader Plan, BriefingRef Briefing, IReadOnlyList<QuestionView> Questions);

/// <summary>What an export asks: refused (forbidden, audited), or the model; neither when there is no such briefing.</summary>
public sealed record QuestionExportRead(SaveResult? Refused, QuestionExportModel? Model);

/// <summary>
/// The griffie's export of a briefing's technische vragen (CSV and PDF) to upload to iBabs or Notubiz. Beheerders and the plan's
/// editors only: <see cref="Right.Edit"/> in the plan through the <see cref="EditorKit"/>, as for answering; a refusal is
/// audited. With the plan's rights the reader sees every question (<see cref="QuestionReader.See"/>): those marked
/// <i>Niet openbaar</i> are in it, marked so.
/// </summary>
public sealed class QuestionExport(IDbContextFactory<DashboardDbContext> dbFactory, EditorKit kit, QuestionQueries queries)
{
    /// <summary>Whether a page offers the export to <paramref name="actor"/>: a courtesy, <see cref="ReadAsync"/> decides again.</summary>
    public Task<bool> OffersAsync(Actor actor, int planId, CancellationToken ct = default) => kit.MayAsync(actor, Right.Edit, planId, ct);

    public async Task<QuestionExportRead> ReadAsync(Actor actor, int briefingId, CancellationToken ct = default)
    {
        QuestionExportModel? found = null;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Briefings.AsNoTracking().Where(b => b.Id == briefingId)
                    .Select(b => new { Briefing = new BriefingRef(b.Id, b.Date, b.Title), Plan = db.Plans.Where(p => p.Id == b.PlanId).Select(DashboardQueries.ToHeader).First() })
                    .FirstOrDefaultAsync(ct) is { } row)
            {
                found = new QuestionExportModel(row.Plan, row.Briefing, []);
            }
        }
        if (found is null)
        {
            return new QuestionExportRead(null, null);
        }
        var write = new Write(actor, "ExportQuestions", "Briefing", briefingId, new { BriefingId = briefingId });
        if (await kit.ForbiddenUnlessAsync(write, Right.Edit, found.Plan.Id, ct) is { } forbidden)
        {
            return new QuestionExportRead(forbidden, null);
        }
        var reader = await queries.ReaderAsync(actor, found.Plan.Id, ct);
        var questions = reader.See(await queries.ReadPlanAsync(found.Plan.Id, ct)).Where(q => q.BriefingId == briefingId).ToList();
        return new QuestionExportRead(null, found with { Questions = questions });
    }

    /// <summary>
    /// The CSV as Dutch Excel opens it: UTF-8 with a byte order mark, ';' between cells, every cell quoted, times in Dutch time.
    /// A cell that a spreadsheet would take for a formula is neutralised (see <see cref="Cell"/>).
    /// </summary>
    public static byte[] Csv(QuestionExportModel model, IStringLocalizer L)
    {
        var text = new StringBuilder();
        Row(text, [L["Field.Spearpoint"], L["Export.SpearpointTitle"], L["Field.Status"], L["Field.NotPublic"], L["Export.AskedBy"],
            L["Export.AskedAt"], L["Export.AskedLate"], L["Export.AnswerBy"], L["Field.Question"], L["Field.Answer"], L["Export.AnsweredBy"],
            L["Export.AnsweredAt"]]);
        foreach (var q in model.Questions)
        {
            Row(text, [q.SpearpointCode, q.SpearpointTitle, L[$"Question.State.{q.State}"], q.NotPublic ? L["Field.NotPublic"] : "",
                q.AskedBy ?? "", Time(q.AskedAt), q.AskedLate ? L["Questions.AskedLate"] : "", Time(q.AnswerBy), q.Text,
                q.Answer?.Text ?? "", q.Answer?.By ?? "", Time(q.Answer?.At)]);
        }
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    /// <summary>The file name without its extension: "vragen-2023-02-14".</summary>
    public static string FileName(QuestionExportModel model, IStringLocalizer L) => $"{L["Export.FileName"]}-{Fmt.Iso(model.Briefing.Date)}";

    private static void Row(StringBuilder text, IEnumerable<string> cells) =>
        text.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");

    /// <summary>
    /// A cell, quoted (quotes doubled). One starting with = + - @ (or a tab or carriage return) would be read as a formula by
    /// a spreadsheet (CSV injection): it gets a leading apostrophe, which shows it as the text it is.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    private static string Time(DateTime? utc) =>
        utc is { } at ? DashboardClock.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
