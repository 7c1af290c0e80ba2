using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Resources;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Editing;

/// <summary>
/// What every write method shares: check the caller may do it, open the record within its plan, validate, check the
/// version, and save with the audit entry in one transaction, with the change signalled to the open screens of every
/// instance (<see cref="ChangeFeed"/>) so that they hear of it exactly when it commits. Refusals are audited too, and
/// answered with a message in the UI language.
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

    /// <summary>
    /// What the roles and an API key's scopes allow, before the plan is looked at: the first half of
    /// <see cref="MayAsync"/>, which adds the right per plan.
    /// </summary>
    public static bool May(Actor actor, Right right, int? planId) => right switch
    {
        Right.Edit => actor.MayEdit,
        Right.UpdateStatus => actor.MayUpdateStatus,
        Right.AddMeasurements => actor.MayAddMeasurements,
        Right.SetUpPlans => actor.MaySetUpPlans,
        Right.Administer => actor.IsAdmin && !actor.IsApiKey,
        Right.Release => actor.MayRelease,
        Right.Ask => actor.MayAsk,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="actor"/> holds <paramref name="right"/> in plan <paramref name="planId"/> (null: outside
    /// any plan, as for a new plan, users and API keys): the roles and an API key's scopes (<see cref="May"/>), and for a
    /// plan's data also the plan itself (<see cref="EditsAsync"/>). The single place deciding who may what in which plan.
    /// </summary>
    public async Task<bool> MayAsync(Actor actor, Right right, int? planId, CancellationToken ct = default) =>
        May(actor, right, planId) && (planId is not { } plan || !PerPlan(right) || await EditsAsync(actor, plan, ct));

    /// <summary>
    /// What a page offers <paramref name="actor"/> in plan <paramref name="planId"/>: <see cref="MayAsync"/>, or, on a
    /// spearpoint owned by <paramref name="ownerId"/>, what its owner may there. A courtesy: the write decides again.
    /// </summary>
    public async Task<bool> OffersAsync(Actor actor, Right right, int planId, string? ownerId = null, CancellationToken ct = default) =>
        await MayAsync(actor, right, planId, ct)
        || (May(actor, right, planId) && OwnerMay(right) && ownerId is not null && ownerId == actor.UserId);

    /// <summary>The rights that a manager holds only in the plans they edit (the redacteuren of <see cref="PlanEditorship"/>).</summary>
    private static bool PerPlan(Right right) => right is Right.Edit or Right.UpdateStatus or Right.AddMeasurements or Right.SetUpPlans;

    /// <summary>
    /// Whether <paramref name="actor"/> edits plan <paramref name="planId"/>: a beheerder every plan; an account the plans
    /// it is a redacteur of; an id that names no account edits nothing. An API key the plans it is limited to (every plan
    /// when it is not); an actor without an account id answers to its roles: one the app makes in-process (the command line).
    /// </summary>
    public async Task<bool> EditsAsync(Actor actor, int planId, CancellationToken ct = default) =>
        (await EditsWhichAsync(actor, [planId], ct)).Contains(planId);

    /// <summary><see cref="EditsAsync"/> for several plans at once, in one query.</summary>
    private async Task<IReadOnlySet<int>> EditsWhichAsync(Actor actor, IReadOnlyCollection<int> planIds, CancellationToken ct)
    {
        if (actor.IsApiKey)
        {
            return planIds.Where(actor.KeyReaches).ToHashSet();
        }
        if (actor.IsAdmin || actor.UserId is null)
        {
            return planIds.ToHashSet();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.PlanEditors.Where(e => e.UserId == actor.UserId && planIds.Contains(e.PlanId)).Select(e => e.PlanId).ToListAsync(ct))
            .ToHashSet();
    }

    /// <summary>Of <paramref name="planIds"/>, those in which <paramref name="actor"/> holds <paramref name="right"/> (<see cref="MayAsync"/>), in one query: for a list of plans.</summary>
    public async Task<IReadOnlySet<int>> MayWhichAsync(Actor actor, Right right, IReadOnlyCollection<int> planIds, CancellationToken ct = default) =>
        !May(actor, right, null) ? new HashSet<int>()
        : PerPlan(right) ? await EditsWhichAsync(actor, planIds, ct)
        : planIds.ToHashSet();

    /// <summary>
    /// A spearpoint's owner who is no redacteur of its plan still updates that spearpoint's status, milestones and
    /// measurements; never its set-up (<see cref="Right.SetUpPlans"/>) nor another spearpoint's.
    /// </summary>
    private static bool OwnerMay(Right right) => right is Right.Edit or Right.UpdateStatus or Right.AddMeasurements;

    /// <summary>
    /// Changes a record of a plan, or adds one under it. In this order: the caller's right in the plan; the command's own
    /// <paramref name="check"/>; the record within the plan (missing, or in another plan: NotFound naming its field); the
    /// <paramref name="change"/>, which checks what it needs into the errors and changes the record, or answers null for
    /// nothing to change; the version it was made on (else the conflict); then the audit entry, commit and signal.
    /// </summary>
    public async Task<SaveResult> ChangeAsync<T>(Write write, Right right, Opening<T> open, int? expectedVersion,
        Func<DashboardDbContext, T, FieldErrors, Task<Audited?>> change, CancellationToken ct, Action<FieldErrors>? check = null)
        where T : class
    {
        if (!May(write.Actor, right, open.PlanId))
        {
            return await ForbiddenAsync(write, ct);
        }
        // Not a redacteur of the plan: only as the owner of the spearpoint of the record (checked once it is open).
        var asOwner = PerPlan(right) && open.PlanId is { } planId && !await EditsAsync(write.Actor, planId, ct);
        if (asOwner && (!OwnerMay(right) || write.Actor.UserId is null))
        {
            return await ForbiddenAsync(write, ct);
        }
        var errors = NewErrors();
        check?.Invoke(errors);
        if (errors.Any)
        {
            return await InvalidAsync(write, errors, ct);
        }

        var records = open.Records;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await records.Find(db, open.PlanId, open.Id).FirstOrDefaultAsync(ct);
        if (asOwner && (record is null || !await OwnsAsync(db, write.Actor, records.SpearpointOf(record), ct)))
        {
            return await ForbiddenAsync(write, ct);
        }
        if (record is null)
        {
            return await MissingAsync(write, records, ct);
        }
        write = write with { SpearpointId = records.SpearpointOf(record) ?? write.SpearpointId };
        var version = (record as IVersioned)?.Version;
        var changed = await change(db, record, errors);
        if (errors.Any)
        {
            return await InvalidAsync(write, errors, ct);
        }
        Func<Task<SaveResult>>? conflict = records.Current is null ? null : () => ConflictAsync(write, open, ct);
        if (expectedVersion is { } expected && version != expected)
        {
            return await conflict!();
        }
        if (changed is null)
        {
            return Saved(version);
        }
        return await CommitAsync(db, write, changed, () => records.Tell(record), conflict, () => Saved((record as IVersioned)?.Version), ct);
    }

    /// <inheritdoc cref="ChangeAsync{T}(Write, Right, Opening{T}, int?, Func{DashboardDbContext, T, FieldErrors, Task{Audited}}, CancellationToken, Action{FieldErrors})"/>
    public Task<SaveResult> ChangeAsync<T>(Write write, Right right, Opening<T> open, int? expectedVersion,
        Func<DashboardDbContext, T, FieldErrors, Audited?> change, CancellationToken ct, Action<FieldErrors>? check = null)
        where T : class =>
        ChangeAsync(write, right, open, expectedVersion, (db, record, errors) => Task.FromResult(change(db, record, errors)), ct, check);

    /// <summary>A write that opens no record and belongs to no plan (a new plan, an API key): the right, then as <see cref="ChangeAsync{T}(Write, Right, Opening{T}, int?, Func{DashboardDbContext, T, FieldErrors, Task{Audited}}, CancellationToken, Action{FieldErrors})"/>.</summary>
    public async Task<SaveResult> CreateAsync(Write write, Right right, Func<DashboardDbContext, FieldErrors, Task<Audited?>> create,
        CancellationToken ct)
    {
        if (await ForbiddenUnlessAsync(write, right, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = NewErrors();
        var created = await create(db, errors);
        if (errors.Any)
        {
            return await InvalidAsync(write, errors, ct);
        }
        return created is null ? Saved() : await CommitAsync(db, write, created, () => [], null, () => Saved(), ct);
    }

    public Task<SaveResult> CreateAsync(Write write, Right right, Func<DashboardDbContext, FieldErrors, Audited?> create, CancellationToken ct) =>
        CreateAsync(write, right, (db, errors) => Task.FromResult(create(db, errors)), ct);

    /// <summary>The Forbidden refusal, audited, unless the caller holds <paramref name="right"/> in the plan; null when they do.</summary>
    public async Task<SaveResult?> ForbiddenUnlessAsync(Write write, Right right, int? planId, CancellationToken ct) =>
        await MayAsync(write.Actor, right, planId, ct) ? null : await ForbiddenAsync(write, ct);

    private static async Task<bool> OwnsAsync(DashboardDbContext db, Actor actor, int? spearpointId, CancellationToken ct) =>
        spearpointId is { } id && actor.UserId is { } userId
        && await db.Spearpoints.AnyAsync(s => s.Id == id && s.OwnerId == userId, ct);

    public async Task<SaveResult> ForbiddenAsync(Write write, CancellationToken ct)
    {
        var message = localizer["Save.Forbidden"];
        await RefusedAsync(write, AuditResult.Forbidden, message, ct);
        return new SaveResult(SaveOutcome.Forbidden, message);
    }

    public async Task<SaveResult> InvalidAsync(Write write, FieldErrors errors, CancellationToken ct)
    {
        await RefusedAsync(write, AuditResult.Refused, string.Join(" ", errors.All.Values), ct);
        return new SaveResult(SaveOutcome.Invalid, localizer["Save.Invalid"], errors.All);
    }

    /// <summary>An id that does not exist, or exists in another plan than the one the form was made in.</summary>
    public async Task<SaveResult> NotFoundAsync(Write write, string field, CancellationToken ct)
    {
        var errors = NewErrors();
        errors.Add(field, localizer["Validation.NotInPlan", errors.Label(field)]);
        await RefusedAsync(write with { SpearpointId = null }, AuditResult.Refused, errors.All[field], ct);
        return new SaveResult(SaveOutcome.NotFound, errors.All[field], errors.All);
    }

    private async Task<SaveResult> MissingAsync<T>(Write write, Records<T> records, CancellationToken ct) where T : class
    {
        if (!records.MissingIsInvalid)
        {
            return await NotFoundAsync(write, records.Field, ct);
        }
        var errors = NewErrors();
        errors.Add(records.Field, localizer["Validation.NotFound", errors.Label(records.Field)]);
        return await InvalidAsync(write, errors, ct);
    }

    private async Task<SaveResult> ConflictAsync<T>(Write write, Opening<T> open, CancellationToken ct) where T : class
    {
        (string Details, int Version) current;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            current = await open.Records.Current!(db, localizer, open.Id, ct);
        }
        await RefusedAsync(write, AuditResult.Conflict, current.Details, ct);
        return new SaveResult(SaveOutcome.Conflict, localizer["Save.Conflict"], ConflictDetails: current.Details, Version: current.Version);
    }

    private Task RefusedAsync(Write write, AuditResult result, string message, CancellationToken ct) =>
        audit.RefusedAsync(write.Actor, write.Action, write.Type, write.Id, write.SpearpointId, result, write.Attempted, message, ct);

    /// <summary>
    /// Stores the change with its audit entry (and the write's row alongside) in one transaction, signalled to the open
    /// screens of every instance inside it and told to this one's after the commit; with the caller's row made from the
    /// answer (<see cref="WriteAlongside"/>) in the same transaction. A concurrent save that got there first
    /// is answered by <paramref name="conflict"/>; a unique index refusing the change by the change's own clash.
    /// </summary>
    private async Task<SaveResult> CommitAsync(DashboardDbContext db, Write write, Audited changed, Func<IReadOnlyCollection<Change>> tell,
        Func<Task<SaveResult>>? conflict, Func<SaveResult> saved, CancellationToken ct)
    {
        IReadOnlyCollection<Change> told;
        SaveResult answer;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (changed.Added is { } added)
            {
                db.Add(added);
                await db.SaveChangesAsync(ct);
            }
            var (id, spearpointId) = changed.Named?.Invoke() ?? (write.Id, write.SpearpointId);
            audit.Add(db, write.Actor, write.Action, write.Type, id, spearpointId, changed.Old, changed.New);
            write.Alongside?.Invoke(db);
            await db.SaveChangesAsync(ct);
            // The answer is known once the change has its ids and version; a caller's row made from it commits with the change.
            answer = changed.Answer?.Invoke() ?? saved();
            if (WriteAlongside.Take() is { } alongside)
            {
                alongside(db, answer);
                await db.SaveChangesAsync(ct);
            }
            told = changed.Tell?.Invoke() ?? tell();
            await feed.SignalAsync(db, told, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) when (conflict is not null)
        {
            return await conflict();
        }
        catch (DbUpdateException) when (changed.Clash is { } clash)
        {
            var errors = NewErrors();
            errors.Add(clash.Field, clash.Message);
            return await InvalidAsync(write, errors, ct);
        }
        if (told.Count > 0)
        {
            await feed.CommittedAsync(told);
        }
        return answer;
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

    public SaveResult Saved(int? version = null, long? createdId = null) =>
        new(SaveOutcome.Saved, localizer["Save.Saved"], Version: version, CreatedId: createdId);
}
