namespace Dashboard.Services;

/// <summary>The four roles of quality.md, as stored in the role claims.</summary>
public static class DashboardRoles
{
    public const string Admin = "beheerder";
    public const string Manager = "manager";
    public const string CouncilMember = "raadslid";
    public const string Presenter = "presentator";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, CouncilMember, Presenter];
}

/// <summary>Who asks for a change, with their roles and where the request came from. Every write method takes one.</summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles, string Origin = "web")
{
    /// <summary>Managers (and beheerders) change the plan's data; council members and presenters only read.</summary>
    public bool MayEdit => Roles.Contains(DashboardRoles.Manager) || Roles.Contains(DashboardRoles.Admin);

    public static Actor System { get; } = new("Systeem", new HashSet<string> { DashboardRoles.Admin }, "system");
}
