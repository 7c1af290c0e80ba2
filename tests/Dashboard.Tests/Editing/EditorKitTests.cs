using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Editing;

/// <summary>The opening every write shares, seen on its own: right, record within its plan, version, commit.</summary>
[Trait("Category", Database.Category)]
public class EditorKitTests
{
    /// <summary>A spearpoint's title as a test write changes it; a conflict tells the stored title.</summary>
    private static readonly Records<Spearpoint> Spearpoints = Records.Spearpoints with
    {
        Current = async (db, _, id, ct) =>
        {
            var stored = await db.Spearpoints.AsNoTracking().SingleAsync(s => s.Id == id, ct);
            return ($"Nu opgeslagen: {stored.Title}", stored.Version);
        },
    };

    private sealed record Fixture(TestApp App, EditorKit Kit, int PlanId, int SpearpointId, int Version);

    private static async Task<Fixture> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        var id = await app.SpearpointIdAsync("SP4");
        await using var db = app.CreateDb();
        var sp = await db.Spearpoints.SingleAsync(s => s.Id == id);
        return new Fixture(app, app.Get<EditorKit>(), sp.PlanId, id, sp.Version);
    }

    private static Task<SaveResult> RetitleAsync(Fixture f, Actor actor, string title, int? expectedVersion, int? planId = null,
        Action<DashboardDbContext>? alongside = null, Action? meanwhile = null) =>
        f.Kit.ChangeAsync(new Write(actor, "Retitle", "Spearpoint", f.SpearpointId, new { title }) { Alongside = alongside }, Right.SetUpPlans,
            Spearpoints.In(planId ?? f.PlanId, f.SpearpointId), expectedVersion, (_, spearpoint, _) =>
            {
                if (spearpoint.Title == title)
                {
                    return null;
                }
                meanwhile?.Invoke();
                var before = new { spearpoint.Title };
                spearpoint.Title = title;
                spearpoint.Version++;
                return new Audited(before, new { spearpoint.Title });
            }, CancellationToken.None);

    /// <summary>An API key, for the idempotency record a write may store alongside.</summary>
    private static async Task<int> TokenAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        var token = new ApiToken { Name = "Koppeling", Scopes = ApiScopes.Status, Hash = "h", Prefix = "vd_", CreatedBy = "Beheerder" };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return token.Id;
    }

    private static async Task<AuditEntry> LastAuditAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
    }

    [Fact]
    public async Task StaleVersion_IsTheConflict_WithWhatIsStoredAndItsVersion_AndNothingIsStored()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var first = await RetitleAsync(f, Actors.Manager("A"), "Titel van A", f.Version);
        var before = await DataSnapshot.TakeAsync(f.App);

        var stale = await RetitleAsync(f, Actors.Manager("B"), "Titel van B", f.Version);

        Assert.Equal((SaveOutcome.Saved, f.Version + 1), (first.Outcome, first.Version));
        Assert.Equal((SaveOutcome.Conflict, "Nu opgeslagen: Titel van A", f.Version + 1), (stale.Outcome, stale.ConflictDetails, stale.Version));
        Assert.StartsWith("Niet opgeslagen: iemand anders heeft dit intussen gewijzigd.", stale.Message);
        Assert.Equal(before, await DataSnapshot.TakeAsync(f.App));
        var audit = await LastAuditAsync(f.App);
        Assert.Equal((AuditResult.Conflict, "B", f.SpearpointId.ToString(), f.SpearpointId, "Nu opgeslagen: Titel van A"),
            (audit.Result, audit.Actor, audit.ObjectId, audit.SpearpointId, audit.Message));
    }

    [Fact]
    public async Task SaveThatLosesTheRaceAtCommit_IsTheConflict_AndStoresNothing_NorTheRowAlongside()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var tokenId = await TokenAsync(f.App);
        var audits = await DataSnapshot.AuditCountAsync(f.App);

        // Someone else saves between this write's read and its commit.
        var result = await RetitleAsync(f, Actors.Manager("B"), "Titel van B", f.Version,
            alongside: db => db.IdempotencyRecords.Add(new IdempotencyRecord { TokenId = tokenId, Key = "k", RequestHash = "h" }),
            meanwhile: () =>
            {
                using var other = f.App.CreateDb();
                other.Spearpoints.Where(s => s.Id == f.SpearpointId)
                    .ExecuteUpdate(s => s.SetProperty(x => x.Title, "Titel van A").SetProperty(x => x.Version, x => x.Version + 1));
            });

        Assert.Equal((SaveOutcome.Conflict, "Nu opgeslagen: Titel van A", f.Version + 1), (result.Outcome, result.ConflictDetails, result.Version));
        await using var db = f.App.CreateDb();
        Assert.Equal("Titel van A", (await db.Spearpoints.SingleAsync(s => s.Id == f.SpearpointId)).Title);
        Assert.False(await db.IdempotencyRecords.AnyAsync());
        Assert.Equal(audits + 1, await DataSnapshot.AuditCountAsync(f.App));
        Assert.Equal(AuditResult.Conflict, (await LastAuditAsync(f.App)).Result);
    }

    [Fact]
    public async Task RowMadeFromTheAnswer_IsCommittedWithTheChange_AndCarriesItsVersion()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var tokenId = await TokenAsync(f.App);

        SaveResult result;
        using (WriteAlongside.Use((db, answer) => db.IdempotencyRecords.Add(
                   new IdempotencyRecord { TokenId = tokenId, Key = "k", RequestHash = "h", StatusCode = 200, Body = $"{answer.Version}" })))
        {
            result = await RetitleAsync(f, Actors.Manager(), "Nieuwe titel", f.Version);
        }

        Assert.Equal((SaveOutcome.Saved, f.Version + 1), (result.Outcome, result.Version));
        await using var db = f.App.CreateDb();
        var record = await db.IdempotencyRecords.SingleAsync();
        Assert.Equal((200, $"{f.Version + 1}"), (record.StatusCode, record.Body));
        Assert.Equal("Nieuwe titel", (await db.Spearpoints.SingleAsync(s => s.Id == f.SpearpointId)).Title);
    }

    [Fact]
    public async Task RowMadeFromTheAnswer_OfASaveThatFailsAtCommit_IsNotStored_NorTheSave()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var tokenId = await TokenAsync(f.App);
        // The same key stored a moment ago by another delivery: the unique index refuses this row inside the save's transaction.
        await using (var other = f.App.CreateDb())
        {
            other.IdempotencyRecords.Add(new IdempotencyRecord { TokenId = tokenId, Key = "k", RequestHash = "h", StatusCode = 201, Body = "{}" });
            await other.SaveChangesAsync();
        }
        var before = await DataSnapshot.TakeAsync(f.App);

        using (WriteAlongside.Use((db, _) => db.IdempotencyRecords.Add(new IdempotencyRecord { TokenId = tokenId, Key = "k", RequestHash = "h" })))
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => RetitleAsync(f, Actors.Manager(), "Nieuwe titel", f.Version));
        }

        Assert.Equal(before, await DataSnapshot.TakeAsync(f.App));
        await using var db = f.App.CreateDb();
        Assert.NotEqual("Nieuwe titel", (await db.Spearpoints.SingleAsync(s => s.Id == f.SpearpointId)).Title);
        Assert.Equal(201, (await db.IdempotencyRecords.SingleAsync()).StatusCode);
    }

    [Fact]
    public async Task RowAlongside_IsStoredWithTheChange()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var tokenId = await TokenAsync(f.App);

        var result = await RetitleAsync(f, Actors.Manager(), "Nieuwe titel", f.Version,
            alongside: db => db.IdempotencyRecords.Add(new IdempotencyRecord { TokenId = tokenId, Key = "k", RequestHash = "h" }));

        Assert.Equal((SaveOutcome.Saved, f.Version + 1), (result.Outcome, result.Version));
        await using var db = f.App.CreateDb();
        Assert.Equal("k", (await db.IdempotencyRecords.SingleAsync()).Key);
        var audit = await LastAuditAsync(f.App);
        Assert.Equal(("Retitle", AuditResult.Success, f.SpearpointId), (audit.Action, audit.Result, audit.SpearpointId));
        Assert.Contains("Nieuwe titel", audit.NewValues);
    }

    [Fact]
    public async Task IdOfAnotherPlan_IsNotFound_NamingTheField_BeforeTheChangeRuns_AndNothingIsStored()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var other = (int)(await f.App.Get<PlanEditor>().CreateAsync(Actors.Manager(),
            new CreatePlanCommand("Jaarplan 2027", "Gemeente", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null))).CreatedId!;
        var before = await DataSnapshot.TakeAsync(f.App);

        var result = await RetitleAsync(f, Actors.Manager(), "Nieuwe titel", f.Version, planId: other,
            meanwhile: () => throw new InvalidOperationException("The change ran."));

        Assert.Equal(SaveOutcome.NotFound, result.Outcome);
        Assert.Equal("Speerpunt bestaat niet (meer) in dit plan.", result.ErrorFor("Spearpoint"));
        Assert.Equal(before, await DataSnapshot.TakeAsync(f.App));
        var audit = await LastAuditAsync(f.App);
        Assert.Equal((AuditResult.Refused, f.SpearpointId.ToString(), null, "Speerpunt bestaat niet (meer) in dit plan."),
            (audit.Result, audit.ObjectId, audit.SpearpointId, audit.Message));
    }

    [Fact]
    public async Task CallerWithoutTheRight_IsForbidden_BeforeAnythingIsRead()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        var checkedCommand = false;
        Func<DashboardDbContext, Spearpoint, FieldErrors, Audited?> change = (_, _, _) => throw new InvalidOperationException("The change ran.");

        var result = await f.Kit.ChangeAsync(new Write(Actors.CouncilMember, "Retitle", "Spearpoint", f.SpearpointId, new { }, f.SpearpointId),
            Right.SetUpPlans, Spearpoints.In(f.PlanId, f.SpearpointId), f.Version,
            change, CancellationToken.None, check: _ => checkedCommand = true);

        Assert.Equal((SaveOutcome.Forbidden, "U mag dit niet wijzigen. Er is niets opgeslagen."), (result.Outcome, result.Message));
        Assert.False(checkedCommand);
        var audit = await LastAuditAsync(f.App);
        Assert.Equal((AuditResult.Forbidden, "Raadslid", f.SpearpointId), (audit.Result, audit.Actor, audit.SpearpointId));
    }

    [Fact]
    public async Task NothingToChange_IsSaved_WithTheVersionAsItWas_AndNoAuditEntry()
    {
        var f = await StartAsync();
        await using var _ = f.App;
        string title;
        await using (var db = f.App.CreateDb())
        {
            title = (await db.Spearpoints.SingleAsync(s => s.Id == f.SpearpointId)).Title;
        }
        var audits = await DataSnapshot.AuditCountAsync(f.App);

        var result = await RetitleAsync(f, Actors.Manager(), title, f.Version);

        Assert.Equal((SaveOutcome.Saved, f.Version), (result.Outcome, result.Version));
        Assert.Equal(audits, await DataSnapshot.AuditCountAsync(f.App));
    }

    [Fact]
    public void AnApiKey_NeverAdministers_WhateverItsRoles()
    {
        var key = new Actor("Koppeling", new HashSet<string> { DashboardRoles.Admin }, "api", Scopes: new HashSet<string> { ApiScopes.Status });

        Assert.False(EditorKit.May(key, Right.Administer, null));
        Assert.True(EditorKit.May(key, Right.UpdateStatus, 1));
        Assert.True(EditorKit.May(Actors.Admin, Right.Administer, null));
    }
}
