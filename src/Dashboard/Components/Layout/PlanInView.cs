using Dashboard.Progress;

namespace Dashboard.Components.Layout;

/// <summary>
/// The plan the pages of this circuit show, for the layout's header, plan switcher and navigation. A page that
/// knows its plan says so; a page that does not (an account page, a spearpoint page) leaves the last one in view.
/// Scoped: one per circuit, so it lives and dies with the tab, and used on the circuit's renderer thread only.
/// </summary>
public sealed class PlanInView
{
    private readonly List<Func<bool, Task>> _followers = [];

    public PlanHeader? Plan { get; private set; }

    public void Show(PlanHeader? plan)
    {
        if (plan is null || plan == Plan)
        {
            return;
        }
        Plan = plan;
        Tell(plansChanged: false);
    }

    /// <summary>A plan was created, renamed, archived or brought back: the header reads the current plan afresh.</summary>
    public void PlansChanged() => Tell(plansChanged: true);

    /// <summary>Calls <paramref name="onChange"/> when another plan comes into view (false), or the plans themselves changed (true); dispose to stop.</summary>
    public IDisposable Follow(Func<bool, Task> onChange)
    {
        _followers.Add(onChange);
        return new Following(_followers, onChange);
    }

    private void Tell(bool plansChanged)
    {
        foreach (var follower in _followers.ToArray())
        {
            // A follower takes the change on its own turn of the renderer and reports its own failures.
            _ = follower(plansChanged);
        }
    }

    private sealed class Following(List<Func<bool, Task>> followers, Func<bool, Task> onChange) : IDisposable
    {
        public void Dispose() => followers.Remove(onChange);
    }
}
