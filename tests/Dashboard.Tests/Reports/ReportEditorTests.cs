using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Reports;

[Trait("Category", Database.Category)]
public class ReportEditorTests
{
    private static readonly Actor Preparer = new("Anna Preparer", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-anna");
    private static readonly Actor Colleague = new("Bram Collega", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-bram");
    private static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");
    private static readonly Actor OtherReleaser = new("Otto Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-otto");
    private static readonly DateOnly EndOf2022 = new(2022, 12, 31);

    private static async Task<(TestApp App, int PlanId)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        await app.AccountsForAsync(Preparer, Colleague, Releaser, OtherReleaser);
        await using var db = app.CreateDb();
        return (app, await db.Plans.Select(p => p.Id).SingleAsync());
    }

    private static async Task<(int Id, int Version)> ConceptAsync(TestApp app, int planId, string summary = "Het team ligt op koers.")
    {
        var created = await app.Get<ReportEditor>().CreateAsync(Preparer, new CreateReportCommand(planId, EndOf2022, summary));
        Assert.True(created.Succeeded, created.Message);
        return ((int)created.CreatedId!, created.Version!.Value);
    }

    private static async Task<(int Id, int Version)> HandedInAsync(TestApp app, int planId)
    {
        var (id, version) = await ConceptAsync(app, planId);
        var submitted = await app.Get<ReportEditor>().SubmitAsync(Preparer, new ReportStepCommand(planId, id, version));
        Assert.True(submitted.Succeeded, submitted.Message);
        return (id, submitted.Version!.Value);
    }

    private static async Task<int> RowsAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.Reports.CountAsync() + await db.ReportSnapshots.CountAsync() + await db.ReportTransitions.CountAsync()
            + await db.ReportNotes.CountAsync();
    }

    [Fact]
    public async Task Release_ByAnotherThanThePreparer_StampsTheHandedInSnapshot_WithTheHashOfItsBytes()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var (id, version) = await HandedInAsync(app, planId);

        var released = await app.Get<ReportEditor>().ReleaseAsync(Releaser, new ReportStepCommand(planId, id, version));

        Assert.True(released.Succeeded, released.Message);
        var detail = (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, id))!;
        Assert.Equal(ReportState.Released, detail.Report.State);
        Assert.Equal("Vera Vaststeller", detail.ReleasedBy);
        await using var db = app.CreateDb();
        var snapshot = await db.ReportSnapshots.SingleAsync(s => s.ReportId == id);
        Assert.Equal(ReportContent.Hash(snapshot.Content), detail.Sha256);
        Assert.Equal(64, detail.Sha256!.Length);
        Assert.Equal([ReportState.Concept, ReportState.Submitted, ReportState.Released], detail.Steps.Select(s => s.To));
        Assert.Equal(EndOf2022, detail.Content.ReferenceDate);
        Assert.Equal(6, detail.Content.Spearpoints.Count);
        var audit = await db.AuditEntries.Where(a => a.ObjectType == "Report" && a.ObjectId == id.ToString()).OrderBy(a => a.Id)
            .Select(a => a.Action).ToListAsync();
        Assert.Equal(["CreateReport", "SubmitReport", "ReleaseReport"], audit);
    }

    [Fact]
    public async Task Release_ByThePreparer_IsRefusedWithTheReason_AndNothingIsStored()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var preparerWhoReleases = Preparer with { Roles = new HashSet<string> { DashboardRoles.Admin } };
        var (id, version) = await HandedInAsync(app, planId);
        var before = await RowsAsync(app);

        var result = await app.Get<ReportEditor>().ReleaseAsync(preparerWhoReleases, new ReportStepCommand(planId, id, version));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains("opgesteld of gewijzigd", result.FieldErrors!["Report"]);
        Assert.Equal(before, await RowsAsync(app));
        Assert.Equal(ReportState.Submitted, (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, id))!.Report.State);
    }

    [Fact]
    public async Task Release_BySomeoneWhoChangedTheTexts_IsRefused_ButAnotherVaststellerMay()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<ReportEditor>();
        var (id, version) = await ConceptAsync(app, planId);
        var colleagueReleaser = Colleague with { Roles = new HashSet<string> { DashboardRoles.Admin } };
        var edited = await editor.EditAsync(colleagueReleaser, new EditReportCommand(planId, id, version, EndOf2022, "Aangevuld.", null));
        Assert.True(edited.Succeeded, edited.Message);
        var submitted = await editor.SubmitAsync(Preparer, new ReportStepCommand(planId, id, edited.Version!.Value));

        var refused = await editor.ReleaseAsync(colleagueReleaser, new ReportStepCommand(planId, id, submitted.Version!.Value));
        var released = await editor.ReleaseAsync(Releaser, new ReportStepCommand(planId, id, submitted.Version!.Value));

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.True(released.Succeeded, released.Message);
    }

    [Fact]
    public async Task TwoVaststellersReleasingAtOnce_ExactlyOneSucceeds_TheOtherGetsTheConflict()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var (id, version) = await HandedInAsync(app, planId);
        var editor = app.Get<ReportEditor>();

        var results = await Task.WhenAll(
            editor.ReleaseAsync(Releaser, new ReportStepCommand(planId, id, version)),
            editor.ReleaseAsync(OtherReleaser, new ReportStepCommand(planId, id, version)));

        Assert.Single(results, r => r.Succeeded);
        var other = Assert.Single(results, r => !r.Succeeded);
        Assert.True(other.Outcome is SaveOutcome.Conflict or SaveOutcome.Invalid, other.Outcome.ToString());
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.ReportTransitions.CountAsync(t => t.ReportId == id && t.To == ReportState.Released));
    }

    [Fact]
    public async Task HandedIn_TheContentNoLongerFollowsLiveEdits_AndAReleasedSnapshotCannotBeChangedInTheDatabase()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var today = DateOnly.FromDateTime(TestApp.DefaultNow.UtcDateTime);
        var builder = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        var sp = builder.Spearpoint("SP1");
        PlanBuilder.Update(sp, Status.OnTrack, new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), "Wat de raad mag lezen.");
        int planId;
        await using (var db = app.CreateDb())
        {
            planId = (await builder.SaveAsync(db)).Id;
        }
        await app.AccountsForAsync(Preparer, Colleague);
        var editor = app.Get<ReportEditor>();
        var created = await editor.CreateAsync(Preparer, new CreateReportCommand(planId, today, "Stand van vandaag."));
        var submitted = await editor.SubmitAsync(Preparer, new ReportStepCommand(planId, (int)created.CreatedId!, created.Version!.Value));
        Assert.True(submitted.Succeeded, submitted.Message);
        var id = (int)created.CreatedId!;
        byte[] bytes;
        await using (var db = app.CreateDb())
        {
            bytes = (await db.ReportSnapshots.SingleAsync(s => s.ReportId == id)).Content;
        }

        // A status saved afterwards on the same day: a concept at the same peildatum shows it, the handed-in rapportage does not,
        // before and after its release.
        var card = (await app.Get<DashboardQueries>().GetOverviewAsync(planId, null))!.Development.Single();
        var status = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(planId, card.Id, card.Version,
            Status.Delayed, "Live toelichting die de raad nog niet zag.", "Oorzaak", "Gevolg", "Bijsturing"));
        Assert.True(status.Succeeded, string.Join(" ", status.FieldErrors?.Values ?? []));
        var other = await editor.CreateAsync(Colleague, new CreateReportCommand(planId, today, "Nog een."));
        var live = (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, (int)other.CreatedId!))!;
        Assert.Equal("Live toelichting die de raad nog niet zag.", live.Content.Spearpoints.Single().Summary.Latest!.Explanation);
        var handedIn = (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, id))!;
        Assert.Equal("Wat de raad mag lezen.", handedIn.Content.Spearpoints.Single().Summary.Latest!.Explanation);

        var released = await editor.ReleaseAsync(Releaser, new ReportStepCommand(planId, id, submitted.Version!.Value));
        Assert.True(released.Succeeded, released.Message);

        var detail = (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, id))!;
        Assert.Equal("Wat de raad mag lezen.", detail.Content.Spearpoints.Single().Summary.Latest!.Explanation);
        await using (var db = app.CreateDb())
        {
            var stored = await db.ReportSnapshots.SingleAsync(s => s.ReportId == id);
            Assert.Equal(bytes, stored.Content);
            Assert.Equal(ReportContent.Hash(bytes), stored.Sha256);
            await Assert.ThrowsAnyAsync<Exception>(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE \"ReportSnapshots\" SET \"Sha256\" = 'x' WHERE \"ReportId\" = {0}", id));
            await Assert.ThrowsAnyAsync<Exception>(() =>
                db.Database.ExecuteSqlRawAsync("DELETE FROM \"ReportSnapshots\" WHERE \"ReportId\" = {0}", id));
        }
    }

    [Fact]
    public async Task SendBack_NeedsAReason_DiscardsTheSnapshot_AndLetsThePreparerChangeItAgain()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<ReportEditor>();
        var (id, version) = await HandedInAsync(app, planId);

        var empty = await editor.SendBackAsync(Releaser, new SendBackReportCommand(planId, id, version, "  "));
        var tooLong = await editor.SendBackAsync(Releaser, new SendBackReportCommand(planId, id, version, new string('x', 2001)));
        var sent = await editor.SendBackAsync(Releaser, new SendBackReportCommand(planId, id, version, "De cijfers van SP2 kloppen niet."));

        Assert.Equal(SaveOutcome.Invalid, empty.Outcome);
        Assert.Contains("Reden", empty.FieldErrors!["Reason"]);
        Assert.Equal(SaveOutcome.Invalid, tooLong.Outcome);
        Assert.True(sent.Succeeded, sent.Message);
        var detail = (await app.Get<ReportQueries>().GetReportAsync(Actors.Admin, id))!;
        Assert.Equal(ReportState.Concept, detail.Report.State);
        Assert.Null(detail.Sha256);
        Assert.Equal("De cijfers van SP2 kloppen niet.", detail.Steps[^1].Reason);
        var edited = await editor.EditAsync(Preparer, new EditReportCommand(planId, id, sent.Version!.Value, EndOf2022, "Verbeterd.", null));
        Assert.True(edited.Succeeded, edited.Message);
    }

    [Fact]
    public async Task BadInput_IsRefusedNamingTheField_AndNothingIsStored()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var editor = app.Get<ReportEditor>();
        var (conceptId, conceptVersion) = await ConceptAsync(app, planId, summary: "");
        var before = await RowsAsync(app);

        var outside = await editor.CreateAsync(Preparer, new CreateReportCommand(planId, new DateOnly(2021, 12, 31), "x"));
        var future = await editor.CreateAsync(Preparer, new CreateReportCommand(planId, new DateOnly(2027, 1, 1), "x"));
        var noSummary = await editor.SubmitAsync(Preparer, new ReportStepCommand(planId, conceptId, conceptVersion));
        var notHandedIn = await editor.ReleaseAsync(Releaser, new ReportStepCommand(planId, conceptId, conceptVersion));
        var otherPlan = await editor.SubmitAsync(Preparer, new ReportStepCommand(planId + 1, conceptId, conceptVersion));

        Assert.Contains("Peildatum", outside.FieldErrors!["ReferenceDate"]);
        Assert.Contains("Peildatum", future.FieldErrors!["ReferenceDate"]);
        Assert.Contains("Samenvatting", noSummary.FieldErrors!["Summary"]);
        Assert.Contains("concept", notHandedIn.FieldErrors!["State"]);
        // The preparer edits no plan under that id (there is none): refused before the rapportage is looked up.
        Assert.Equal(SaveOutcome.Forbidden, otherPlan.Outcome);
        Assert.Equal(before, await RowsAsync(app));
    }

    [Fact]
    public async Task ASecondRelease_IsRefused()
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var (id, version) = await HandedInAsync(app, planId);
        var first = await app.Get<ReportEditor>().ReleaseAsync(Releaser, new ReportStepCommand(planId, id, version));

        var second = await app.Get<ReportEditor>().ReleaseAsync(OtherReleaser, new ReportStepCommand(planId, id, first.Version!.Value));

        Assert.Equal(SaveOutcome.Invalid, second.Outcome);
        Assert.Contains("vastgesteld", second.FieldErrors!["State"]);
    }

    [Theory]
    [InlineData(DashboardRoles.Releaser, "create")]
    [InlineData(DashboardRoles.CouncilMember, "create")]
    [InlineData(DashboardRoles.Presenter, "create")]
    [InlineData(DashboardRoles.Manager, "release")]
    [InlineData(DashboardRoles.CouncilMember, "release")]
    [InlineData(DashboardRoles.Presenter, "sendback")]
    public async Task WhoMayNot_IsRefusedInTheService(string role, string step)
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var (id, version) = await HandedInAsync(app, planId);
        var actor = new Actor("Iemand", new HashSet<string> { role }, UserId: "user-iemand");
        await app.AccountsForAsync(actor);
        var editor = app.Get<ReportEditor>();

        var result = step switch
        {
            "create" => await editor.CreateAsync(actor, new CreateReportCommand(planId, EndOf2022, "x")),
            "release" => await editor.ReleaseAsync(actor, new ReportStepCommand(planId, id, version)),
            _ => await editor.SendBackAsync(actor, new SendBackReportCommand(planId, id, version, "reden")),
        };

        Assert.Equal(SaveOutcome.Forbidden, result.Outcome);
    }

    [Theory]
    [InlineData(DashboardRoles.CouncilMember)]
    [InlineData(DashboardRoles.Presenter)]
    [InlineData(null)]
    public async Task TheCouncil_ThePresenterAndThePublic_ReadOnlyReleasedRapportages_NoConceptNorOneHandedIn(string? role)
    {
        var (app, planId) = await StartAsync();
        await using var _ = app;
        var reader = role is null ? Actor.Anonymous : new Actor("Lezer", new HashSet<string> { role }, UserId: "user-lezer");
        await app.AccountsForAsync(reader);
        var queries = app.Get<ReportQueries>();
        var (released, version) = await HandedInAsync(app, planId);
        Assert.True((await app.Get<ReportEditor>().ReleaseAsync(Releaser, new ReportStepCommand(planId, released, version))).Succeeded);
        var (handedIn, _) = await HandedInAsync(app, planId);
        var (concept, _) = await ConceptAsync(app, planId, "Nog geheim concept.");

        Assert.Null(await queries.GetReportAsync(reader, concept));
        Assert.Null(await queries.GetReportAsync(reader, handedIn));
        Assert.Equal(ReportState.Released, (await queries.GetReportAsync(reader, released))!.Report.State);
        // Besides the demo plan's own: two released, one ter vaststelling.
        await using var db = app.CreateDb();
        var demoReleased = await db.Reports.Where(r => r.State == ReportState.Released && r.Id != released).Select(r => r.Id).ToListAsync();
        var list = (await queries.GetReportsAsync(reader, planId))!;
        Assert.Equal([.. demoReleased.Append(released).Order()], list.Reports.Select(r => r.Id).Order());
        Assert.Empty(list.Briefings);
        Assert.Equal([.. demoReleased.Append(released).Order()], (await queries.GetReportsAsync(reader, null))!.Reports.Select(r => r.Id).Order());

        var staff = (await queries.GetReportsAsync(Releaser, planId))!;
        Assert.Equal([handedIn, concept, released], staff.Reports.Select(r => r.Id).Where(id => id >= released));
        Assert.NotNull(await queries.GetReportAsync(Colleague, concept));
    }
}
