using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Progress;

/// <summary>Appends status updates (voortgangsberichten): a correction is a new update, never an edit.</summary>
public sealed class StatusEditor(EditorKit kit)
{
    public const int ExplanationMax = 4000;
    public const int ReasonMax = 2000;
    private const string Action = "UpdateStatus";
    private const string Type = nameof(Spearpoint);

    /// <summary>Its version is the spearpoint's; a conflict shows the latest update.</summary>
    private static readonly Records<Spearpoint> Spearpoints = Records.Spearpoints with { Current = CurrentAsync };

    public Task<SaveResult> SaveStatusAsync(Actor actor, StatusCommand cmd, CancellationToken ct = default)
    {
        Texts? texts = null;
        return kit.ChangeAsync(new Write(actor, Action, Type, cmd.SpearpointId, cmd, cmd.SpearpointId), Right.UpdateStatus,
            Spearpoints.In(cmd.PlanId, cmd.SpearpointId), cmd.ExpectedVersion, async (db, spearpoint, errors) =>
            {
                if (errors.Ended("Spearpoint", spearpoint.EndedAt))
                {
                    return null;
                }
                var previous = await db.StatusUpdates.Where(u => u.SpearpointId == spearpoint.Id)
                    .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
                    .Select(u => new { u.Status, u.Explanation })
                    .FirstOrDefaultAsync(ct);
                var update = new StatusUpdate
                {
                    SpearpointId = spearpoint.Id,
                    Status = cmd.Status,
                    Explanation = texts!.Explanation!,
                    Cause = texts.Cause,
                    Consequence = texts.Consequence,
                    CorrectiveAction = texts.CorrectiveAction,
                    Author = actor.Name,
                    RecordedAt = kit.Clock.UtcNow,
                };
                db.StatusUpdates.Add(update);
                spearpoint.Version++;
                return new Audited(previous, new { update.Status, update.Explanation, update.Cause, update.Consequence, update.CorrectiveAction })
                {
                    Answer = () => kit.Saved(spearpoint.Version, update.Id),
                };
            }, ct, check: errors => texts = Read(errors, cmd));
    }

    private sealed record Texts(string? Explanation, string? Cause, string? Consequence, string? CorrectiveAction);

    /// <summary>The update's texts checked; cause, consequence and corrective action kept only where the rule asks for them.</summary>
    private static Texts Read(FieldErrors errors, StatusCommand cmd)
    {
        var statusOk = errors.Choice(nameof(cmd.Status), cmd.Status, StatusRules.SpearpointStatuses);
        var explanation = errors.Text(nameof(cmd.Explanation), cmd.Explanation, ExplanationMax, required: true, multiline: true);
        // Orange and red must say cause, consequence and corrective action.
        var needsReasons = statusOk && cmd.Status.RequiresExplanation();
        var cause = errors.Text(nameof(cmd.Cause), cmd.Cause, ReasonMax, needsReasons, multiline: true);
        var consequence = errors.Text(nameof(cmd.Consequence), cmd.Consequence, ReasonMax, needsReasons, multiline: true);
        var correctiveAction = errors.Text(nameof(cmd.CorrectiveAction), cmd.CorrectiveAction, ReasonMax, needsReasons, multiline: true);
        return needsReasons ? new(explanation, cause, consequence, correctiveAction) : new(explanation, null, null, null);
    }

    private static async Task<(string, int)> CurrentAsync(DashboardDbContext db, IStringLocalizer L, int spearpointId, CancellationToken ct)
    {
        var version = await db.Spearpoints.Where(s => s.Id == spearpointId).Select(s => s.Version).FirstAsync(ct);
        var latest = await db.StatusUpdates.Where(u => u.SpearpointId == spearpointId)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
            .FirstOrDefaultAsync(ct);
        var details = latest is null
            ? L["Conflict.Changed"]
            : L["Conflict.Status", latest.Author, Fmt.DateTime(latest.RecordedAt), L[$"Status.{latest.Status}"], latest.Explanation];
        return (details, version);
    }
}
