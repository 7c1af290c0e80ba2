namespace Dashboard.Oidc;

/// <summary>
/// One value of the provider's role claim (an Entra app role or group id, a Keycloak role) and what it grants here:
/// a role (<see cref="Role"/>), or redacteur of one plan (<see cref="PlanId"/>). Exactly one of the two is set.
/// </summary>
public class RoleMapping
{
    public int Id { get; set; }
    public string ProviderValue { get; set; } = "";
    public string? Role { get; set; }
    public int? PlanId { get; set; }
}
