namespace Dashboard.Editing;

/// <summary>The roles (beheerder, manager, vaststeller, raadslid, presentator), as stored in the role claims.</summary>
public static class DashboardRoles
{
    public const string Admin = "beheerder";
    public const string Manager = "manager";
    public const string CouncilMember = "raadslid";
    public const string Presenter = "presentator";
    /// <summary>Releases rapportages (vaststellen) that someone else prepared; for example the director or the portfolio holder's office.</summary>
    public const string Releaser = "vaststeller";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Releaser, CouncilMember, Presenter];
}

/// <summary>The scopes an API key may hold (create-token --scope read,measurements,status,live).</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Measurements = "measurements";
    public const string Status = "status";
    /// <summary>
    /// Reads live values of a plan whose council sees the released state (Vastgestelde stand); without it a key reads only what
    /// was released there. Only a beheerder grants it; keys made before it existed have it.
    /// </summary>
    public const string Live = "live";

    public static readonly IReadOnlyList<string> All = [Read, Measurements, Status, Live];
}

/// <summary>
/// Who asks for a change, with their roles and where the request came from. Every write method takes one.
/// <see cref="Name"/> is shown as author; the audit trail also records <see cref="Account"/> (the sign-in name).
/// </summary>

public sealed record Actor(string Name, IReadOnlySet<string> Roles, string Origin = "web", string? Account = null, string? UserId = null,
    IReadOnlySet<string>? Scopes = null, IReadOnlySet<int>? Plans = null)
{
    /// <summary>Whether an API key's limit to plans (<see cref="Plans"/>; null: every plan) lets it at plan <paramref name="planId"/>.</summary>
    public bool KeyReaches(int planId) => Plans is null || Plans.Contains(planId);

    public static Actor Anonymous { get; } = new("Anoniem", new HashSet<string>(), "web");

    /// <summary>How the audit trail names the actor: display name and sign-in name.</summary>
    public string AuditName => Account is { Length: > 0 } account && account != Name ? $"{Name} ({account})" : Name;

    public bool IsAdmin => Roles.Contains(DashboardRoles.Admin);

    /// <summary>Presenters, managers and beheerders drive the shared presentation; everyone else follows.</summary>
    public bool MayPresent => Roles.Contains(DashboardRoles.Presenter) || MayEdit;

    /// <summary>Managers (and beheerders) change the plan's data; council members and presenters only read. An API key never.</summary>
    public bool MayEdit => Scopes is null && (Roles.Contains(DashboardRoles.Manager) || Roles.Contains(DashboardRoles.Admin));

    /// <summary>An API key acting for another system: it holds scopes instead of roles.</summary>
    public bool IsApiKey => Scopes is not null;

    /// <summary>Adding a measurement: an editor, or an API key with the measurements scope.</summary>
    public bool MayAddMeasurements => MayEdit || Scopes?.Contains(ApiScopes.Measurements) == true;

    /// <summary>A status update or marking a milestone done: an editor, or an API key with the status scope.</summary>
    public bool MayUpdateStatus => MayEdit || Scopes?.Contains(ApiScopes.Status) == true;

    /// <summary>Vaststellers (and beheerders) release a rapportage or send it back; never an API key.</summary>
    public bool MayRelease => Scopes is null && (Roles.Contains(DashboardRoles.Releaser) || Roles.Contains(DashboardRoles.Admin));

    /// <summary>Managers and beheerders set up plans, spearpoints and indicators; the same people who edit them.</summary>
    public bool MaySetUpPlans => MayEdit;

    /// <summary>Council members ask technische vragen (and withdraw their own); nobody else, and never an API key.</summary>
    public bool MayAsk => Scopes is null && Roles.Contains(DashboardRoles.CouncilMember);

}
