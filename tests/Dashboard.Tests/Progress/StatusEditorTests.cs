using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Progress;

[Trait("Category", Database.Category)]
public class StatusEditorTests
{
    private static async Task<(TestApp App, SpearpointSummary Sp2)> StartAsync(bool file = false)
    {
        var app = file ? await TestApp.FileAsync() : await TestApp.InMemoryAsync();
        var sp2 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development.Single(s => s.Code == "SP2");
        return (app, sp2);
    }

    private static StatusCommand Attention(SpearpointSummary s, int? version = null, string explanation = "De OR vraagt meer tijd.") =>
        new(s.PlanId, s.Id, version ?? s.Version, Status.NeedsAttention, explanation, "Oorzaak", "Gevolg", "Bijsturing");

    [Fact]
    public async Task SaveStatus_AppendsAnUpdate_KeepsTheHistory_AndBumpsTheVersion()
    {
        var (app, sp2) = await StartAsync();
        await using var _ = app;
        var before = (await app.Get<DashboardQueries>().GetSpearpointAsync(sp2.Id, null))!.History.Count;

        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), Attention(sp2));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal(sp2.Version + 1, result.Version);
        var after = (await app.Get<DashboardQueries>().GetSpearpointAsync(sp2.Id, null))!;
        Assert.Equal(before + 1, after.History.Count);
        Assert.Equal((Status.NeedsAttention, "De OR vraagt meer tijd.", "Interim-manager HOR"),
            (after.Summary.Status, after.Summary.Latest!.Explanation, after.Summary.Latest.Author));
        Assert.Equal(TestApp.DefaultNow.UtcDateTime, after.Summary.Latest.RecordedAt);
    }

    [Theory]
    [InlineData(Status.NeedsAttention)]
    [InlineData(Status.Delayed)]
    public async Task SaveStatus_OrangeOrRedWithoutCauseConsequenceAndCorrectiveAction_IsRejected(Status status)
    {
        var (app, sp2) = await StartAsync();
        await using var _ = app;
        var snapshot = await DataSnapshot.TakeAsync(app);

        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, status, "Toelichting", " ", null, ""));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Oorzaak is verplicht.", result.ErrorFor("Cause"));
        Assert.Equal("Gevolg is verplicht.", result.ErrorFor("Consequence"));
        Assert.Equal("Bijsturing is verplicht.", result.ErrorFor("CorrectiveAction"));
        Assert.Equal(snapshot, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task SaveStatus_OnTrack_NeedsNoReasons_AndKeepsNone()
    {
        var (app, sp2) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.OnTrack, "Alles loopt.", "oude oorzaak", null, null));

        Assert.True(result.Succeeded);
        await using var db = app.CreateDb();
        var stored = await db.StatusUpdates.SingleAsync(u => u.Id == result.CreatedId);
        Assert.Null(stored.Cause);
    }

    [Fact]
    public async Task SaveStatus_WithAStaleVersion_IsAConflictThatShowsTheOthersChange_AndKeepsTheFirst()
    {
        var (app, sp2) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<StatusEditor>();

        var first = await editor.SaveStatusAsync(Actors.Manager("Manager Veiligheid & Leefbaarheid"), Attention(sp2, explanation: "Eerste versie"));
        var second = await editor.SaveStatusAsync(Actors.Manager("Interim-manager HOR"),
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.OnTrack, "Tweede versie"));

        Assert.True(first.Succeeded);
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Contains("iemand anders heeft dit intussen gewijzigd", second.Message);
        Assert.Contains("Manager Veiligheid & Leefbaarheid", second.ConflictDetails);
        Assert.Contains("Aandachtspunt", second.ConflictDetails);
        Assert.Contains("Eerste versie", second.ConflictDetails);
        Assert.Equal(first.Version, second.Version);
        var stored = (await app.Get<DashboardQueries>().GetSpearpointAsync(sp2.Id, null))!.Summary.Latest!;
        Assert.Equal("Eerste versie", stored.Explanation);

        // Saving again with the version the conflict reported stores it, knowingly.
        var third = await editor.SaveStatusAsync(Actors.Manager("Interim-manager HOR"),
            new StatusCommand(sp2.PlanId, sp2.Id, second.Version!.Value, Status.OnTrack, "Tweede versie"));
        Assert.True(third.Succeeded);
    }

    [Fact]
    public async Task SaveStatus_SameCommandTwentyTimesAtOnce_WritesOnce()
    {
        var (app, sp2) = await StartAsync(file: true);
        await using var _ = app;
        var editor = app.Get<StatusEditor>();
        await using var db = app.CreateDb();
        var updates = await db.StatusUpdates.CountAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => editor.SaveStatusAsync(Actors.Manager(), Attention(sp2))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(updates + 1, await db.StatusUpdates.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "UpdateStatus" && a.Result == AuditResult.Success));
    }
}
