using Dashboard.Editing;

namespace Dashboard.Tests.Support;

public static class Actors
{
    public static Actor Manager(string name = "Interim-manager HOR") => new(name, new HashSet<string> { DashboardRoles.Manager });
    public static Actor Admin { get; } = new("Beheerder", new HashSet<string> { DashboardRoles.Admin });
    public static Actor CouncilMember { get; } = new("Raadslid", new HashSet<string> { DashboardRoles.CouncilMember });
    public static Actor Presenter { get; } = new("Presentator", new HashSet<string> { DashboardRoles.Presenter });
}
