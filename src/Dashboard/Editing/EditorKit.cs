using Dashboard.Common;
using Dashboard.Components.Pages;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Resources;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Editing;

/// <summary>
/// What every write method shares: a write is validate, check the caller may do it, save with a
/// concurrency check and the audit entry in one transaction, with the change signalled to the open screens of
/// every instance (<see cref="ChangeFeed"/>) so that they hear of it exactly when it commits.
/// Refusals are audited too, and answered with a message in the UI language.
/// </summary>
public sealed class EditorKit(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AuditTrail audit,
    ChangeFeed feed,
    DashboardClock clock,
    IStringLocalizer<SharedResource> localizer)
{
    public DashboardClock Clock => clock;
    public AuditTrail Audit => audit;
    public IStringLocalizer<SharedResource> L => localizer;

    public FieldErrors NewErrors() => new(localizer);

    public Task<DashboardDbContext> CreateDbAsync(CancellationToken ct) => dbFactory.CreateDbContextAsync(ct);

    public async Task<SaveResult> ForbiddenAsync(Actor actor, string action, string type, object? id, object attempted, CancellationToken ct,
        int? spearpointId = null)
    {
        var message = localizer["Save.Forbidden"];
        await audit.RefusedAsync(actor, action, type, id, spearpointId, AuditResult.Forbidden, attempted, message, ct);
        return new SaveResult(SaveOutcome.Forbidden, message);
    }

    public async Task<SaveResult> InvalidAsync(Actor actor, string action, string type, object? id, int? spearpointId,
        object attempted, FieldErrors errors, CancellationToken ct)
    {
        var message = localizer["Save.Invalid"];
        await audit.RefusedAsync(actor, action, type, id, spearpointId, AuditResult.Refused, attempted,
            string.Join(" ", errors.All.Values), ct);
        return new SaveResult(SaveOutcome.Invalid, message, errors.All);
    }

    /// <summary>An id that does not exist, or exists in another plan than the one the form was made in.</summary>
    public async Task<SaveResult> NotFoundAsync(Actor actor, string action, string type, object? id, object attempted, string field, CancellationToken ct)
    {
        var errors = NewErrors();
        errors.Add(field, localizer["Validation.NotInPlan", errors.Label(field)]);
        await audit.RefusedAsync(actor, action, type, id, null, AuditResult.Refused, attempted, errors.All[field], ct);
        return new SaveResult(SaveOutcome.NotFound, errors.All[field], errors.All);
    }

    public async Task<SaveResult> ConflictAsync(Actor actor, string action, string type, object? id, int? spearpointId,
        object attempted, string details, int currentVersion, CancellationToken ct)
    {
        var message = localizer["Save.Conflict"];
        await audit.RefusedAsync(actor, action, type, id, spearpointId, AuditResult.Conflict, attempted, details, ct);
        return new SaveResult(SaveOutcome.Conflict, message, ConflictDetails: details, Version: currentVersion);
    }

    /// <summary>
    /// Commits the change and its audit entry, and tells the open screens. Returns false when a concurrent save got
    /// there first (the caller answers with a conflict).
    /// </summary>
    public Task<bool> CommitAsync(DashboardDbContext db, int spearpointId, CancellationToken ct) =>
        SaveAsync(db, [Change.OfSpearpoint(spearpointId)], ct);

    /// <summary>
    /// Commits a change to a plan's list of spearpoints (added, moved, ended, another kind) and tells the
    /// plan's open overviews, and the spearpoint's own screens when one is named; false on a concurrent save.
    /// </summary>
    public Task<bool> CommitPlanAsync(DashboardDbContext db, int planId, int? spearpointId, CancellationToken ct) =>
        SaveAsync(db, Changes(planId, spearpointId), ct);

    private async Task<bool> SaveAsync(DashboardDbContext db, IReadOnlyCollection<Change> changes, CancellationToken ct)
    {
        try
        {
            await feed.SaveAsync(db, changes, () => db.SaveChangesAsync(ct), ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>What a change to a plan's list and to one of its spearpoints tells: either may be absent.</summary>
    public static IReadOnlyCollection<Change> Changes(int? planId, int? spearpointId)
    {
        var changes = new List<Change>(2);
        if (planId is { } plan)
        {
            changes.Add(Change.OfPlan(plan));
        }
        if (spearpointId is { } id)
        {
            changes.Add(Change.OfSpearpoint(id));
        }
        return changes;
    }

    /// <summary>
    /// Adds a new record and then its audit entry, which names the new record's id, in one transaction, with the
    /// <paramref name="changes"/> (known once the record has its id) told to the open screens. With
    /// <paramref name="uniqueMayClash"/> a unique index refusing the record (someone added the same a moment earlier)
    /// answers false, having let go of the write lock so the refusal can be audited.
    /// </summary>
    public async Task<bool> AddAuditedAsync(DashboardDbContext db, object record, Action audit, CancellationToken ct,
        bool uniqueMayClash = false, Func<IReadOnlyCollection<Change>>? changes = null)
    {
        IReadOnlyCollection<Change> changed;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (uniqueMayClash)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            audit();
            await db.SaveChangesAsync(ct);
            changed = changes?.Invoke() ?? [];
            await feed.SignalAsync(db, changed, ct);
            await tx.CommitAsync(ct);
        }
        await feed.CommittedAsync(changed);
        return true;
    }

    /// <summary>Commits a change that no open screen follows live (a briefing); false when a concurrent save got there first.</summary>
    public async Task<bool> CommitQuietlyAsync(DashboardDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public SaveResult Saved(int? version = null, long? createdId = null) =>
        new(SaveOutcome.Saved, localizer["Save.Saved"], Version: version, CreatedId: createdId);
}
