using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Plans;

[Trait("Category", Database.Category)]
public class SpearpointEditorTests
{
    [Fact]
    public async Task AddSpearpoint_WithAnOwnerAccount_ShowsOnTheOverview_ByOwnerName_AndTellsTheOpenOverviews()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var plan = (await q.GetCurrentPlanAsync())!;
        var owner = await app.CreateUserAsync("teamleider@example.org", DashboardRoles.Manager, name: "Teamleider Noord");
        var pushed = new TaskCompletionSource<OverviewModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Get<LiveUpdates>().SubscribePlan(plan.Id, m => { pushed.TrySetResult(m); return Task.CompletedTask; });

        var result = await app.Get<SpearpointEditor>().AddAsync(Actors.Manager(),
            new AddSpearpointCommand(plan.Id, "IS3", "Handhaving bij evenementen", "Meer inzet bij grote evenementen.", SpearpointKind.Substantive, owner));

        Assert.True(result.Succeeded);
        var card = (await q.GetOverviewAsync(plan.Id, null))!.Substantive[^1];
        Assert.Equal(("IS3", "Teamleider Noord", owner, Status.NotStarted), (card.Code, card.Owner, card.OwnerId, card.Status));
        var live = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("IS3", live.Substantive[^1].Code);
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.SpearpointRevisions.CountAsync(r => r.SpearpointId == card.Id));
        Assert.Equal(card.Id, (await db.AuditEntries.SingleAsync(a => a.Action == "AddSpearpoint")).SpearpointId);
    }

    [Fact]
    public async Task MoveSpearpoint_SwapsItWithItsNeighbour_WithinItsKind()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var overview = (await q.GetOverviewAsync(null, null))!;
        var sp3 = overview.Development.Single(s => s.Code == "SP3");
        var editor = app.Get<SpearpointEditor>();

        await editor.MoveAsync(Actors.Manager(), new MoveSpearpointCommand(overview.Plan.Id, sp3.Id, -1));
        await editor.MoveAsync(Actors.Manager(), new MoveSpearpointCommand(overview.Plan.Id, sp3.Id, -1));
        var atTop = await editor.MoveAsync(Actors.Manager(), new MoveSpearpointCommand(overview.Plan.Id, sp3.Id, -1));

        var after = (await q.GetOverviewAsync(null, null))!;
        Assert.Equal(["SP3", "SP1", "SP2", "SP4"], after.Development.Select(s => s.Code));
        Assert.Equal(overview.Substantive.Select(s => s.Code), after.Substantive.Select(s => s.Code));
        Assert.True(atTop.Succeeded); // already first: nothing to change, nothing refused
    }

    [Fact]
    public async Task EndSpearpoint_KeepsIt_AsEnded_WithItsReason_AndRefusesNewStatus()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var sp2 = (await q.GetOverviewAsync(null, null))!.Development.Single(s => s.Code == "SP2");
        var ended = await app.Get<SpearpointEditor>().EndAsync(Actors.Manager(), new EndSpearpointCommand(sp2.PlanId, sp2.Id, sp2.Version, "Opgegaan in SP4."));
        var status = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp2.PlanId, sp2.Id, ended.Version!.Value, Status.OnTrack, "Toch nog"));

        Assert.True(ended.Succeeded);
        var overview = (await q.GetOverviewAsync(null, null))!;
        Assert.DoesNotContain(overview.Development, s => s.Id == sp2.Id);
        var card = Assert.Single(overview.EndedSpearpoints);
        Assert.Equal((sp2.Id, "Opgegaan in SP4."), (card.Id, card.EndReason));
        Assert.Equal(SaveOutcome.Invalid, status.Outcome);
        Assert.Equal("Speerpunt is beëindigd op 24-11-2026 en kan niet meer worden gewijzigd.", status.ErrorFor("Spearpoint"));
        await using var db = app.CreateDb();
        Assert.DoesNotContain(await db.StatusUpdates.Where(u => u.SpearpointId == sp2.Id).Select(u => u.Explanation).ToListAsync(), e => e == "Toch nog");
    }

    [Fact]
    public async Task TwoManagersAddingTheSameCode_AtOnce_StoreOne()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);
        var plan = (int)(await app.Get<PlanEditor>().CreateAsync(Actors.Manager(),
            new CreatePlanCommand("Plan", "Gemeente", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null))).CreatedId!;
        var editor = app.Get<SpearpointEditor>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            editor.AddAsync(Actors.Manager($"M{i}"), new AddSpearpointCommand(plan, "SP1", $"Titel {i}", null, SpearpointKind.Development, null)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.StartsWith("Code SP1 bestaat al in dit plan", r.ErrorFor("Code")));
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.Spearpoints.CountAsync());
    }
}
