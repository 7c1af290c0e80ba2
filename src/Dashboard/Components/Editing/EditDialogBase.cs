using Dashboard.Editing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Editing;

/// <summary>
/// What every edit dialog shares: one save at a time (a double click writes once), the service's
/// refusal shown at the fields, and after a conflict the colleague's change shown while the user's
/// input stays in the form.
/// </summary>
public abstract class EditDialogBase : ComponentBase
{
    [CascadingParameter] public IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] protected CurrentActor Me { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected bool Saving { get; private set; }
    protected SaveResult? Result { get; private set; }

    protected string? ErrorFor(string field) => Result?.ErrorFor(field);
    protected bool HasError(string field) => Result?.ErrorFor(field) is not null;

    protected async Task SaveAsync(Func<Actor, Task<SaveResult>> save)
    {
        if (Saving)
        {
            return;
        }
        Saving = true;
        if (Result is { Succeeded: false })
        {
            // Clear the previous refusal first: a MudBlazor field takes Error=true only as a change of the parameter,
            // and its own validation while the user typed has set it back to false. Without this render, a second
            // refusal on the same field (empty code, then a duplicate one) would show nothing at the field.
            Result = null;
            StateHasChanged();
            await Task.Yield();
        }
        var result = await save(await Me.GetAsync());
        Result = result;
        if (result.Succeeded)
        {
            // Saving stays true: clicks still queued behind this one find nothing to do.
            Snackbar.Add(result.Message ?? "", Severity.Success);
            Dialog.Close(DialogResult.Ok(result));
            return;
        }
        if (result.Outcome == SaveOutcome.Conflict && result.Version is { } current)
        {
            // The next Opslaan saves over the colleague's change knowingly.
            OnConflict(current);
        }
        Saving = false;
    }

    protected virtual void OnConflict(int currentVersion)
    {
    }

    protected void Cancel() => Dialog.Cancel();

    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseOnEscapeKey = true,
        CloseButton = true,
        BackdropClick = false,
    };
}
