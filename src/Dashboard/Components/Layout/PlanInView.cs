using Dashboard.Progress;

namespace Dashboard.Components.Layout;

/// <summary>
/// The plan the pages of this circuit show, for the layout's header, plan switcher and navigation. A page that
/// knows its plan says so; a page that does not (an account page, a spearpoint page) leaves the last one in view.
/// Scoped: one per circuit, so it lives and dies with the tab; the layout unsubscribes when it goes.
/// </summary>
public sealed class PlanInView
{
    public PlanHeader? Plan { get; private set; }

    /// <summary>Raised when another plan comes into view (false), or the plans themselves changed (true).</summary>
    public event Action<bool>? Changed;

    public void Show(PlanHeader? plan)
    {
        if (plan is null || plan == Plan)
        {
            return;
        }
        Plan = plan;
        Changed?.Invoke(false);
    }

    /// <summary>A plan was created, renamed, archived or brought back: the header reads the current plan afresh.</summary>
    public void PlansChanged() => Changed?.Invoke(true);
}
