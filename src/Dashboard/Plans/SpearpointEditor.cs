using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

    /// <summary>A change to a spearpoint is one to its plan's list too.</summary>
    private static readonly Records<Spearpoint> Spearpoints =
        Records.Spearpoints with { Tell = s => EditorKit.Changes(s.PlanId, s.Id), Current = CurrentAsync };

    public Task<SaveResult> AddAsync(Actor actor, AddSpearpointCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "AddSpearpoint", Type, null, cmd), Right.SetUpPlans,
            Records.Plans.In(cmd.PlanId, cmd.PlanId), null, async (db, _, errors) =>
            {
                var fields = await ValidateAsync(db, errors, cmd.PlanId, null, cmd.Code, cmd.Title, cmd.Description, cmd.Kind, cmd.OwnerId, ct);
                if (errors.Any)
                {
                    return null;
                }
                var order = await db.Spearpoints.Where(s => s.PlanId == cmd.PlanId).MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
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
                spearpoint.Revisions.Add(SpearpointRevision.Of(spearpoint, actor.Name, kit.Clock.UtcNow));
                return new Audited(null, Snapshot(spearpoint))
                {
                    Added = spearpoint,
                    Named = () => (spearpoint.Id, spearpoint.Id),
                    Tell = () => EditorKit.Changes(cmd.PlanId, spearpoint.Id),
                    Answer = () => kit.Saved(spearpoint.Version, spearpoint.Id),
                    Clash = DuplicateCode(fields.Code),
                };
            }, ct);

    public Task<SaveResult> EditAsync(Actor actor, EditSpearpointCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EditSpearpoint", Type, cmd.SpearpointId, cmd, cmd.SpearpointId), Right.SetUpPlans,
            Spearpoints.In(cmd.PlanId, cmd.SpearpointId), cmd.ExpectedVersion, async (db, spearpoint, errors) =>
            {
                errors.Ended("Spearpoint", spearpoint.EndedAt);
                var fields = await ValidateAsync(db, errors, cmd.PlanId, spearpoint.Id, cmd.Code, cmd.Title, cmd.Description, cmd.Kind, cmd.OwnerId, ct);
                if (errors.Any)
                {
                    return null;
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
                return new Audited(before, Snapshot(spearpoint)) { Clash = DuplicateCode(fields.Code) };
            }, ct);

    public Task<SaveResult> MoveAsync(Actor actor, MoveSpearpointCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "MoveSpearpoint", Type, cmd.SpearpointId, cmd, cmd.SpearpointId), Right.SetUpPlans,
            Spearpoints.In(cmd.PlanId, cmd.SpearpointId), null, async (db, spearpoint, errors) =>
            {
                if (errors.Ended("Spearpoint", spearpoint.EndedAt))
                {
                    return null;
                }
                // Within its kind, among those still running: the order the overview shows.
                var siblings = await db.Spearpoints
                    .Where(s => s.PlanId == cmd.PlanId && s.Kind == spearpoint.Kind && s.EndedAt == null)
                    .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
                var index = siblings.IndexOf(spearpoint);
                var target = index + cmd.Direction;
                if (target < 0 || target >= siblings.Count)
                {
                    return null; // already first or last: nothing to change
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
                // Only the plan's overviews show the order.
                return new Audited(new { Position = index + 1 }, new { Position = target + 1 }) { Tell = () => EditorKit.Changes(cmd.PlanId, null) };
            }, ct, check: errors =>
            {
                if (cmd.Direction is not (-1 or 1))
                {
                    errors.Add(nameof(cmd.Direction), kit.L["Validation.InvalidChoice", errors.Label(nameof(cmd.Direction))]);
                }
            });

    public Task<SaveResult> EndAsync(Actor actor, EndSpearpointCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EndSpearpoint", Type, cmd.SpearpointId, cmd, cmd.SpearpointId), Right.SetUpPlans,
            Spearpoints.In(cmd.PlanId, cmd.SpearpointId), cmd.ExpectedVersion, (db, spearpoint, errors) =>
            {
                if (errors.EndReason("Spearpoint", spearpoint, cmd.Reason) is not { } reason || errors.Any)
                {
                    return null;
                }
                var now = kit.Clock.UtcNow;
                spearpoint.End(now, reason);
                spearpoint.Version++;
                db.SpearpointRevisions.Add(SpearpointRevision.Of(spearpoint, actor.Name, now));
                return new Audited(null, new { EndedOn = DashboardClock.LocalDate(now), EndReason = reason });
            }, ct);

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

    /// <summary>The unique (plan, code) index: someone may have saved the same code a moment ago.</summary>
    private (string, string) DuplicateCode(string code) => (nameof(AddSpearpointCommand.Code), kit.L["Validation.DuplicateCode", code]);

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int spearpointId, CancellationToken ct)
    {
        var current = await db.Spearpoints.AsNoTracking().Where(s => s.Id == spearpointId)
            .Select(s => new
            {
                s.Code, s.Title, s.Version,
                Last = s.Revisions.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).Select(r => new { r.Author, r.RecordedAt }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        return (L["Conflict.Spearpoint", current.Last?.Author ?? "?", current.Last is null ? "?" : Fmt.DateTime(current.Last.RecordedAt),
            current.Code, current.Title], current.Version);
    }

    private static object Snapshot(Spearpoint s) => new { s.Code, s.Title, s.Description, s.Kind, s.OwnerId };
}
