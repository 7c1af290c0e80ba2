using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Progress;

[Trait("Category", Database.Category)]
public class MilestoneEditorTests
{
    private static async Task<(TestApp App, SpearpointDetail Sp4)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        return (app, (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!);
    }

    private static async Task<SpearpointDetail> ReloadAsync(TestApp app, SpearpointDetail d, DateOnly? on = null) =>
        (await app.Get<DashboardQueries>().GetSpearpointAsync(d.Summary.Id, on))!;

    [Fact]
    public async Task Add_PutsTheMilestoneLastAsNotStarted_AndProgressCountsIt()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<MilestoneEditor>().AddAsync(Actors.Manager(), new AddMilestoneCommand(sp4.Plan.Id, sp4.Summary.Id, "  Evaluatie formatie  ", new DateOnly(2023, 11, 30)));

        Assert.True(result.Succeeded);
        var after = await ReloadAsync(app, sp4);
        var added = after.Milestones[^1];
        Assert.Equal(("Evaluatie formatie", Status.NotStarted, new DateOnly(2023, 11, 30)), (added.Title, added.State, added.DueDate));
        Assert.Equal(new MilestoneProgress(sp4.Summary.Progress.Done, sp4.Summary.Progress.Total + 1), after.Summary.Progress);
    }

    [Fact]
    public async Task Reschedule_ToALaterDate_KeepsTheOriginalDueDate_SoTheSlipShows()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<MilestoneEditor>();
        var added = await editor.AddAsync(Actors.Manager(), new AddMilestoneCommand(sp4.Plan.Id, sp4.Summary.Id, "Nieuw", new DateOnly(2023, 6, 1)));

        var moved = await editor.EditAsync(Actors.Manager(),
            new EditMilestoneCommand(sp4.Plan.Id, (int)added.CreatedId!, added.Version!.Value, "Nieuw", new DateOnly(2023, 9, 1), Status.Delayed));

        Assert.True(moved.Succeeded);
        var now = (await ReloadAsync(app, sp4)).Milestones.Single(x => x.Id == added.CreatedId);
        Assert.True(now.IsSlipped);
        Assert.Equal((new DateOnly(2023, 6, 1), new DateOnly(2023, 9, 1), Status.Delayed), (now.OriginalDueDate, now.DueDate, now.State));
    }

    [Fact]
    public async Task Edit_ChangesTheMilestoneFromNowOn_AndThePastStaysAsItWas()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;
        var m = sp4.Milestones.Single(x => x.State == Status.OnTrack);

        var result = await app.Get<MilestoneEditor>().EditAsync(Actors.Manager(),
            new EditMilestoneCommand(sp4.Plan.Id, m.Id, m.Version, "Alle boa's hebben PHB 2023", new DateOnly(2023, 11, 30), Status.Delayed));

        Assert.True(result.Succeeded);
        var now = (await ReloadAsync(app, sp4)).Milestones.Single(x => x.Id == m.Id);
        Assert.Equal(("Alle boa's hebben PHB 2023", Status.Delayed, false), (now.Title, now.State, now.IsSlipped));
        var earlier = (await ReloadAsync(app, sp4, new DateOnly(2023, 6, 30))).Milestones.Single(x => x.Id == m.Id);
        Assert.Equal((m.Title, Status.OnTrack, new DateOnly(2023, 12, 31)), (earlier.Title, earlier.State, earlier.DueDate));
    }

    [Fact]
    public async Task Complete_SetsDoneWithTheDate_AndCancelTakesItOutOfTheProgress()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<MilestoneEditor>();
        var open = sp4.Milestones.Single(x => x.State == Status.OnTrack);
        var added = await editor.AddAsync(Actors.Manager(), new AddMilestoneCommand(sp4.Plan.Id, sp4.Summary.Id, "Extra", new DateOnly(2023, 9, 1)));

        var done = await editor.CompleteAsync(Actors.Manager(), new CompleteMilestoneCommand(sp4.Plan.Id, open.Id, open.Version, new DateOnly(2023, 12, 18)));
        var cancelled = await editor.CancelAsync(Actors.Manager(), new CancelMilestoneCommand(sp4.Plan.Id, (int)added.CreatedId!, 0, "Niet meer nodig"));

        Assert.True(done.Succeeded && cancelled.Succeeded);
        var after = await ReloadAsync(app, sp4);
        var completed = after.Milestones.Single(x => x.Id == open.Id);
        Assert.Equal((Status.Done, new DateOnly(2023, 12, 18)), (completed.State, completed.CompletedOn));
        Assert.Equal(new MilestoneProgress(5, 5), after.Summary.Progress);
        Assert.Equal("Niet meer nodig", after.Milestones.Single(x => x.Id == added.CreatedId).CancelReason);
    }

    [Fact]
    public async Task Move_SwapsWithTheNeighbour_AndStaysPutAtTheEdge()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<MilestoneEditor>();
        var titles = sp4.Milestones.Select(m => m.Title).ToList();
        var second = sp4.Milestones[1];

        var up = await editor.MoveAsync(Actors.Manager(), new MoveMilestoneCommand(sp4.Plan.Id, second.Id, second.Version, -1));
        var first = (await ReloadAsync(app, sp4)).Milestones[0];
        var edge = await editor.MoveAsync(Actors.Manager(), new MoveMilestoneCommand(sp4.Plan.Id, first.Id, first.Version, -1));

        Assert.True(up.Succeeded && edge.Succeeded);
        Assert.Equal([titles[1], titles[0], .. titles.Skip(2)], (await ReloadAsync(app, sp4)).Milestones.Select(m => m.Title));
    }

    [Fact]
    public async Task Edit_OfADoneMilestone_KeepsItDone_UnlessAnOpenStateIsChosen()
    {
        var (app, sp4) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<MilestoneEditor>();
        var done = sp4.Milestones.First(x => x.State == Status.Done);

        await editor.EditAsync(Actors.Manager(), new EditMilestoneCommand(sp4.Plan.Id, done.Id, done.Version, "Nieuwe titel", done.DueDate, Status.Done));
        var kept = (await ReloadAsync(app, sp4)).Milestones.Single(x => x.Id == done.Id);
        await editor.EditAsync(Actors.Manager(), new EditMilestoneCommand(sp4.Plan.Id, done.Id, kept.Version, "Nieuwe titel", done.DueDate, Status.OnTrack));
        var reopened = (await ReloadAsync(app, sp4)).Milestones.Single(x => x.Id == done.Id);

        Assert.Equal((Status.Done, done.CompletedOn, "Nieuwe titel"), (kept.State, kept.CompletedOn, kept.Title));
        Assert.Equal((Status.OnTrack, (DateOnly?)null), (reopened.State, reopened.CompletedOn));
    }
}
