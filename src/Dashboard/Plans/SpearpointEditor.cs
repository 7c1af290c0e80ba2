using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Plans;

/// <summary>
/// Adds, edits, reorders and ends spearpoints. Each change appends a revision, so the plan on an earlier
/// reference date shows its spearpoints as they were then; a spearpoint is never deleted, only ended.
/// </summary>
public sealed class SpearpointEditor(EditorKit kit)
{
    public const int CodeMax = 20;
    public const int TitleMax = 200;
    public const int DescriptionMax = 4000;
    private const string Type = nameof(Spearpoint);

    public async Task<SaveResult> AddAsync(Actor actor, AddSpearpointCommand cmd, CancellationToken ct = default)
    {
        const string action = "AddSpearpoint";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, null, cmd, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        if (!await db.Plans.AnyAsync(p => p.Id == cmd.PlanId, ct))
        {
            return await kit.NotFoundAsync(actor, action, Type, null, cmd, "Plan", ct);
        }
        var errors = kit.NewErrors();
        var fields = await ValidateAsync(db, errors, cmd.PlanId, null, cmd.Code, cmd.Title, cmd.Description, cmd.Kind, cmd.OwnerId, ct);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, null, null, cmd, errors, ct);
        }

        var order = await db.Spearpoints.Where(s => s.PlanId == cmd.PlanId).MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var now = kit.Clock.UtcNow;
        var spearpoint = new Spearpoint
        {
            PlanId = cmd.PlanId,
            Code = fields.Code,
            Title = fields.Title,
            Description = fields.Description,
            Kind = cmd.Kind,
            OwnerId = fields.OwnerId,
            SortOrder = order + 1,
        };
        spearpoint.Revisions.Add(SpearpointRevision.Of(spearpoint, actor.Name, now));
        // The unique (plan, code) index: someone may have added the same code a moment ago.
        if (!await kit.AddAuditedAsync(db, spearpoint,
                () => kit.Audit.Add(db, actor, action, Type, spearpoint.Id, spearpoint.Id, null, Snapshot(spearpoint)), ct, uniqueMayClash: true,
                changes: () => EditorKit.Changes(cmd.PlanId, spearpoint.Id)))
        {
            return await DuplicateCodeAsync(actor, action, null, cmd, fields.Code, ct);
        }
        return kit.Saved(spearpoint.Version, spearpoint.Id);
    }

    public async Task<SaveResult> EditAsync(Actor actor, EditSpearpointCommand cmd, CancellationToken ct = default)
    {
        const string action = "EditSpearpoint";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.SpearpointId, cmd, ct, cmd.SpearpointId);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var spearpoint = await db.Spearpoints.FirstOrDefaultAsync(s => s.Id == cmd.SpearpointId && s.PlanId == cmd.PlanId, ct);
        if (spearpoint is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.SpearpointId, cmd, "Spearpoint", ct);
        }
        var errors = kit.NewErrors();
        errors.Ended("Spearpoint", spearpoint.EndedAt);
        var fields = await ValidateAsync(db, errors, cmd.PlanId, spearpoint.Id, cmd.Code, cmd.Title, cmd.Description, cmd.Kind, cmd.OwnerId, ct);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, errors, ct);
        }
        if (spearpoint.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.SpearpointId, ct);
        }

        var before = Snapshot(spearpoint);
        var kindChanged = spearpoint.Kind != cmd.Kind;
        spearpoint.Code = fields.Code;
        spearpoint.Title = fields.Title;
        spearpoint.Description = fields.Description;
        spearpoint.Kind = cmd.Kind;
        spearpoint.OwnerId = fields.OwnerId;
        if (kindChanged)
        {
            // Last among its new kind.
            spearpoint.SortOrder = (await db.Spearpoints.Where(s => s.PlanId == cmd.PlanId).MaxAsync(s => (int?)s.SortOrder, ct) ?? 0) + 1;
        }
        spearpoint.Version++;
        db.SpearpointRevisions.Add(SpearpointRevision.Of(spearpoint, actor.Name, kit.Clock.UtcNow));
        kit.Audit.Add(db, actor, action, Type, spearpoint.Id, spearpoint.Id, before, Snapshot(spearpoint));
        try
        {
            if (!await kit.CommitPlanAsync(db, cmd.PlanId, spearpoint.Id, ct))
            {
                return await ConflictAsync(actor, action, cmd, cmd.SpearpointId, ct);
            }
        }
        catch (DbUpdateException)
        {
            return await DuplicateCodeAsync(actor, action, cmd.SpearpointId, cmd, fields.Code, ct);
        }
        return kit.Saved(spearpoint.Version);
    }

    public async Task<SaveResult> MoveAsync(Actor actor, MoveSpearpointCommand cmd, CancellationToken ct = default)
    {
        const string action = "MoveSpearpoint";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.SpearpointId, cmd, ct, cmd.SpearpointId);
        }
        if (cmd.Direction is not (-1 or 1))
        {
            var errors = kit.NewErrors();
            errors.Add(nameof(cmd.Direction), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Direction))]);
            return await kit.InvalidAsync(actor, action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, errors, ct);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var spearpoint = await db.Spearpoints.FirstOrDefaultAsync(s => s.Id == cmd.SpearpointId && s.PlanId == cmd.PlanId, ct);
        if (spearpoint is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.SpearpointId, cmd, "Spearpoint", ct);
        }
        var ended = kit.NewErrors();
        if (ended.Ended("Spearpoint", spearpoint.EndedAt))
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, ended, ct);
        }

        // Within its kind, among those still running: the order the overview shows.
        var siblings = await db.Spearpoints
            .Where(s => s.PlanId == cmd.PlanId && s.Kind == spearpoint.Kind && s.EndedAt == null)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        var index = siblings.IndexOf(spearpoint);
        var target = index + cmd.Direction;
        if (target < 0 || target >= siblings.Count)
        {
            return kit.Saved(spearpoint.Version); // already first or last: nothing to change
        }
        var orders = siblings.Select(s => s.SortOrder).Order().ToList();
        (siblings[index], siblings[target]) = (siblings[target], siblings[index]);

        var now = kit.Clock.UtcNow;
        for (var i = 0; i < siblings.Count; i++)
        {
            // The same places as before, in the new order (other kinds and ended ones keep theirs).
            var order = Math.Max(orders[i], i == 0 ? orders[i] : siblings[i - 1].SortOrder + 1);
            if (siblings[i].SortOrder != order)
            {
                siblings[i].SortOrder = order;
                db.SpearpointRevisions.Add(SpearpointRevision.Of(siblings[i], actor.Name, now));
            }
        }
        kit.Audit.Add(db, actor, action, Type, spearpoint.Id, spearpoint.Id, new { Position = index + 1 }, new { Position = target + 1 });
        await kit.CommitPlanAsync(db, cmd.PlanId, null, ct);
        return kit.Saved(spearpoint.Version);
    }

    public async Task<SaveResult> EndAsync(Actor actor, EndSpearpointCommand cmd, CancellationToken ct = default)
    {
        const string action = "EndSpearpoint";
        if (!actor.MaySetUpPlans)
        {
            return await kit.ForbiddenAsync(actor, action, Type, cmd.SpearpointId, cmd, ct, cmd.SpearpointId);
        }
        await using var db = await kit.CreateDbAsync(ct);
        var spearpoint = await db.Spearpoints.FirstOrDefaultAsync(s => s.Id == cmd.SpearpointId && s.PlanId == cmd.PlanId, ct);
        if (spearpoint is null)
        {
            return await kit.NotFoundAsync(actor, action, Type, cmd.SpearpointId, cmd, "Spearpoint", ct);
        }
        var errors = kit.NewErrors();
        var reason = errors.EndReason("Spearpoint", spearpoint, cmd.Reason);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, errors, ct);
        }
        if (spearpoint.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, action, cmd, cmd.SpearpointId, ct);
        }

        var now = kit.Clock.UtcNow;
        spearpoint.EndedAt = now;
        spearpoint.EndReason = reason;
        spearpoint.Version++;
        db.SpearpointRevisions.Add(SpearpointRevision.Of(spearpoint, actor.Name, now));
        kit.Audit.Add(db, actor, action, Type, spearpoint.Id, spearpoint.Id, null, new { EndedOn = DashboardClock.LocalDate(now), EndReason = reason });
        if (!await kit.CommitPlanAsync(db, cmd.PlanId, spearpoint.Id, ct))
        {
            return await ConflictAsync(actor, action, cmd, cmd.SpearpointId, ct);
        }
        return kit.Saved(spearpoint.Version);
    }

    private sealed record Fields(string Code, string Title, string Description, string? OwnerId);

    private async Task<Fields> ValidateAsync(DashboardDbContext db, FieldErrors errors, int planId, int? self,
        string? code, string? title, string? description, SpearpointKind kind, string? ownerId, CancellationToken ct)
    {
        var c = errors.Text(nameof(AddSpearpointCommand.Code), code, CodeMax, required: true);
        var t = errors.Text(nameof(AddSpearpointCommand.Title), title, TitleMax, required: true);
        var d = errors.Text(nameof(AddSpearpointCommand.Description), description, DescriptionMax, required: false, multiline: true);
        errors.Choice(nameof(AddSpearpointCommand.Kind), kind, Enum.GetValues<SpearpointKind>());
        if (c is not null)
        {
            // Unique within the plan, whatever the case ("sp1" and "SP1" are the same code to a reader).
            var codes = await db.Spearpoints.Where(s => s.PlanId == planId && s.Id != self).Select(s => s.Code).ToListAsync(ct);
            if (codes.Contains(c, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(nameof(AddSpearpointCommand.Code), kit.L["Validation.DuplicateCode", c]);
            }
        }
        var owner = string.IsNullOrWhiteSpace(ownerId) ? null : ownerId.Trim();
        if (owner is not null && !await UserDirectory.IsOwnerAsync(db, owner, ct))
        {
            errors.Add(nameof(AddSpearpointCommand.OwnerId), kit.L["Validation.NotAnOwner", errors.Label(nameof(AddSpearpointCommand.OwnerId))]);
        }
        return new Fields(c ?? "", t ?? "", d ?? "", owner);
    }

    private async Task<SaveResult> DuplicateCodeAsync(Actor actor, string action, int? id, object cmd, string code, CancellationToken ct)
    {
        var errors = kit.NewErrors();
        errors.Add(nameof(AddSpearpointCommand.Code), kit.L["Validation.DuplicateCode", code]);
        return await kit.InvalidAsync(actor, action, Type, id, id, cmd, errors, ct);
    }

    private async Task<SaveResult> ConflictAsync(Actor actor, string action, object cmd, int spearpointId, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var current = await db.Spearpoints.AsNoTracking().Where(s => s.Id == spearpointId)
            .Select(s => new
            {
                s.Code, s.Title, s.Version,
                Last = s.Revisions.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).Select(r => new { r.Author, r.RecordedAt }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        var details = kit.L["Conflict.Spearpoint", current.Last?.Author ?? "?", current.Last is null ? "?" : Fmt.DateTime(current.Last.RecordedAt),
            current.Code, current.Title];
        return await kit.ConflictAsync(actor, action, Type, spearpointId, spearpointId, cmd, details, current.Version, ct);
    }

    private static object Snapshot(Spearpoint s) => new { s.Code, s.Title, s.Description, s.Kind, s.OwnerId };
}
