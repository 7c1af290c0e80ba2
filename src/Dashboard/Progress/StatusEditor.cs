using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Progress;

/// <summary>Appends status updates (voortgangsberichten): a correction is a new update, never an edit.</summary>
public sealed class StatusEditor(EditorKit kit)
{
    public const int ExplanationMax = 4000;
    public const int ReasonMax = 2000;
    private const string Action = "UpdateStatus";
    private const string Type = nameof(Spearpoint);

    public async Task<SaveResult> SaveStatusAsync(Actor actor, StatusCommand cmd, CancellationToken ct = default)
    {
        if (!actor.MayUpdateStatus)
        {
            return await kit.ForbiddenAsync(actor, Action, Type, cmd.SpearpointId, cmd, ct, cmd.SpearpointId);
        }

        var errors = kit.NewErrors();
        var statusOk = errors.Choice(nameof(cmd.Status), cmd.Status, StatusRules.SpearpointStatuses);
        var explanation = errors.Text(nameof(cmd.Explanation), cmd.Explanation, ExplanationMax, required: true, multiline: true);
        // Orange and red must say cause, consequence and corrective action.
        var needsReasons = statusOk && cmd.Status.RequiresExplanation();
        var cause = errors.Text(nameof(cmd.Cause), cmd.Cause, ReasonMax, needsReasons, multiline: true);
        var consequence = errors.Text(nameof(cmd.Consequence), cmd.Consequence, ReasonMax, needsReasons, multiline: true);
        var correctiveAction = errors.Text(nameof(cmd.CorrectiveAction), cmd.CorrectiveAction, ReasonMax, needsReasons, multiline: true);
        if (errors.Any)
        {
            return await kit.InvalidAsync(actor, Action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, errors, ct);
        }

        await using var db = await kit.CreateDbAsync(ct);
        var spearpoint = await db.Spearpoints.FirstOrDefaultAsync(s => s.Id == cmd.SpearpointId && s.PlanId == cmd.PlanId, ct);
        if (spearpoint is null)
        {
            return await kit.NotFoundAsync(actor, Action, Type, cmd.SpearpointId, cmd, "Spearpoint", ct);
        }
        if (errors.Ended("Spearpoint", spearpoint.EndedAt))
        {
            return await kit.InvalidAsync(actor, Action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, errors, ct);
        }
        if (spearpoint.Version != cmd.ExpectedVersion)
        {
            return await ConflictAsync(actor, cmd, ct);
        }

        var previous = await db.StatusUpdates.Where(u => u.SpearpointId == spearpoint.Id)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
            .Select(u => new { u.Status, u.Explanation })
            .FirstOrDefaultAsync(ct);
        var update = new StatusUpdate
        {
            SpearpointId = spearpoint.Id,
            Status = cmd.Status,
            Explanation = explanation!,
            // Reasons are kept only where the rule asks for them.
            Cause = needsReasons ? cause : null,
            Consequence = needsReasons ? consequence : null,
            CorrectiveAction = needsReasons ? correctiveAction : null,
            Author = actor.Name,
            RecordedAt = kit.Clock.UtcNow,
        };
        db.StatusUpdates.Add(update);
        spearpoint.Version++;
        kit.Audit.Add(db, actor, Action, Type, spearpoint.Id, spearpoint.Id, previous,
            new { update.Status, update.Explanation, update.Cause, update.Consequence, update.CorrectiveAction });

        if (!await kit.CommitAsync(db, spearpoint.Id, ct))
        {
            return await ConflictAsync(actor, cmd, ct);
        }
        return kit.Saved(spearpoint.Version, update.Id);
    }

    private async Task<SaveResult> ConflictAsync(Actor actor, StatusCommand cmd, CancellationToken ct)
    {
        await using var db = await kit.CreateDbAsync(ct);
        var version = await db.Spearpoints.Where(s => s.Id == cmd.SpearpointId).Select(s => s.Version).FirstAsync(ct);
        var latest = await db.StatusUpdates.Where(u => u.SpearpointId == cmd.SpearpointId)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
            .FirstOrDefaultAsync(ct);
        var details = latest is null
            ? kit.L["Conflict.Changed"]
            : kit.L["Conflict.Status", latest.Author, Fmt.DateTime(latest.RecordedAt),
                kit.L[$"Status.{latest.Status}"], latest.Explanation];
        return await kit.ConflictAsync(actor, Action, Type, cmd.SpearpointId, cmd.SpearpointId, cmd, details, version, ct);
    }
}
