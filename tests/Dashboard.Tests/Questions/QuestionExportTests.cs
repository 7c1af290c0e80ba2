using System.Text;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Questions;
using Dashboard.Reports;
using Dashboard.Resources;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Dashboard.Tests.Questions.QuestionEditorTests;

namespace Dashboard.Tests.Questions;

/// <summary>
/// A briefing's questions in what is handed round: the brief (public ones only, whoever reads it) and the griffie's export
/// (all, Niet openbaar marked, for the plan's editors and beheerders only; the rights matrix of the export).
/// </summary>
[Trait("Category", Database.Category)]
public class QuestionExportTests
{
    private static async Task<(int Public, int Hidden)> TwoQuestionsAsync(Setup s)
    {
        var open = await AskAsync(s, briefingId: s.BriefingId, text: "=HYPERLINK(\"https://kwaad.test\";\"Klik\") hoeveel; \"meldingen\"?");
        var hidden = await AskAsync(s, CouncilB, notPublic: true, briefingId: s.BriefingId, text: "Welke wijk heeft de meeste klachten?");
        await AskAsync(s, text: "Een vraag zonder bijpraatsessie.");
        var answered = await s.Editor.AnswerAsync(Editor, new AnswerQuestionCommand(s.PlanId, open, "Er kwamen 412 meldingen binnen."));
        Assert.True(answered.Succeeded, answered.Message);
        return (open, hidden);
    }

    [Fact]
    public async Task TheBrief_CarriesTheBriefingsPublicQuestionsOnly_ForEveryReader_WithTheAskersNameOnlyForTheSignedIn()
    {
        await using var s = await StartAsync();
        var (open, _) = await TwoQuestionsAsync(s);
        var council = s.App.Get<CouncilReads>();

        foreach (var reader in new[] { Admin, Editor, CouncilB, Owner })
        {
            var brief = (await council.BriefingAsync(reader, s.BriefingId))!;
            var q = Assert.Single(brief.Questions);
            Assert.Equal((open, "Ria Raadslid", QuestionState.Answered), (q.Id, q.AskedBy, q.State));
            Assert.Equal("Er kwamen 412 meldingen binnen.", q.Answer!.Text);
        }
        var anonymous = Assert.Single((await council.BriefingAsync(Actor.Anonymous, s.BriefingId))!.Questions);
        Assert.Null(anonymous.AskedBy);
    }

    [Fact]
    public async Task TheBrief_LeavesWithdrawnQuestionsOut()
    {
        await using var s = await StartAsync();
        var id = await AskAsync(s, briefingId: s.BriefingId);
        Assert.True((await s.Editor.WithdrawAsync(CouncilA, new WithdrawQuestionCommand(s.PlanId, id, 0))).Succeeded);

        Assert.Empty((await s.App.Get<CouncilReads>().BriefingAsync(CouncilA, s.BriefingId))!.Questions);
    }

    [Theory]
    [MemberData(nameof(Answerers), MemberType = typeof(QuestionEditorTests))]
    public async Task TheExport_IsForThePlansEditorsAndBeheerders_OthersAreForbiddenAndAudited(string who)
    {
        await using var s = await StartAsync();
        await TwoQuestionsAsync(s);
        var actor = Who(who);

        var read = await s.App.Get<QuestionExport>().ReadAsync(actor, s.BriefingId);

        var allowed = who is "editor of this plan" or "beheerder";
        Assert.Equal(allowed, read.Model is not null);
        Assert.Equal(allowed, await s.App.Get<QuestionExport>().OffersAsync(actor, s.PlanId));
        await using var db = s.App.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        if (allowed)
        {
            Assert.Equal(2, read.Model!.Questions.Count);
            Assert.NotEqual("ExportQuestions", audit.Action);
        }
        else
        {
            Assert.Equal(SaveOutcome.Forbidden, read.Refused!.Outcome);
            Assert.Equal((AuditResult.Forbidden, "ExportQuestions"), (audit.Result, audit.Action));
        }
    }

    [Fact]
    public async Task TheExport_OfAnUnknownBriefing_IsNeitherRefusedNorRead()
    {
        await using var s = await StartAsync();

        Assert.Equal(new QuestionExportRead(null, null), await s.App.Get<QuestionExport>().ReadAsync(Admin, 999_999));
    }

    [Fact]
    public async Task TheCsv_IsUtf8WithBom_SemicolonSeparated_Quoted_InDutchTime_FormulasNeutralised_NietOpenbaarMarked()
    {
        await using var s = await StartAsync();
        s.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero));
        await TwoQuestionsAsync(s);
        var read = await s.App.Get<QuestionExport>().ReadAsync(Editor, s.BriefingId);

        var bytes = QuestionExport.Csv(read.Model!, s.App.Get<IStringLocalizer<SharedResource>>());

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"Speerpunt\";", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"https://kwaad.test\"\";\"\"Klik\"\") hoeveel; \"\"meldingen\"\"?\"", lines[1]);
        Assert.Contains("\"2026-12-01 09:30\"", lines[1]); // 08:30 UTC is 09:30 Dutch time in December
        Assert.Contains("\"Beantwoord\"", lines[1]);
        Assert.Contains("\"Niet openbaar\";\"Bas Raadslid\"", lines[2]);
        Assert.Contains("Welke wijk", lines[2]);
        Assert.DoesNotContain("zonder bijpraatsessie", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+31 71", "\"'+31 71\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("gewoon \"tekst\"; met puntkomma", "\"gewoon \"\"tekst\"\"; met puntkomma\"")]
    [InlineData("", "\"\"")]
    public void ACell_IsQuoted_AndAFormulaIsNeutralised(string value, string expected) =>
        Assert.Equal(expected, QuestionExport.Cell(value));
}
