using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Services;

/// <summary>
/// What every write method shares: a write is validate, check the caller may do it, save with a
/// concurrency check and the audit entry in one transaction, then publish after the commit.
/// Refusals are audited too, and answered with a message in the UI language.
/// </summary>
public sealed class EditorKit(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AuditTrail audit,
    LiveUpdates live,
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
    /// Commits the change and its audit entry, then tells the open screens. Returns false when a
    /// concurrent save got there first (the caller answers with a conflict).
    /// </summary>
    public async Task<bool> CommitAsync(DashboardDbContext db, int spearpointId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await live.PublishAsync(spearpointId, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Commits a change to a plan's list of spearpoints (added, moved, ended, another kind) and tells the
    /// plan's open overviews, and the spearpoint's own screens when one is named; false on a concurrent save.
    /// </summary>
    public async Task<bool> CommitPlanAsync(DashboardDbContext db, int planId, int? spearpointId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await PublishAsync(planId, spearpointId);
        return true;
    }

    /// <summary>
    /// Tells the open screens about a change already committed (by <see cref="AddAuditedAsync"/>): the plan's overviews
    /// when a plan is named, and the spearpoint's own screens when one is named.
    /// </summary>
    public async Task PublishAsync(int? planId, int? spearpointId)
    {
        if (planId is { } plan)
        {
            await live.PublishPlanAsync(plan, CancellationToken.None);
        }
        if (spearpointId is { } id)
        {
            await live.PublishAsync(id, CancellationToken.None);
        }
    }

    /// <summary>
    /// Adds a new record and then its audit entry, which names the new record's id, in one transaction; nobody is told
    /// yet. With <paramref name="uniqueMayClash"/> a unique index refusing the record (someone added the same a moment
    /// earlier) answers false, having let go of the write lock so the refusal can be audited.
    /// </summary>
    public async Task<bool> AddAuditedAsync(DashboardDbContext db, object record, Action audit, CancellationToken ct, bool uniqueMayClash = false)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
        await tx.CommitAsync(ct);
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
