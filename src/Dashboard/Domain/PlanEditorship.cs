namespace Dashboard.Domain;

/// <summary>
/// A redacteur of a plan: an account that may change the plan's data. A manager changes only the plans they edit; a
/// beheerder every plan (see <see cref="Editing.EditorKit.MayAsync"/>). The plan's creator is its first editor; a
/// follow-up plan starts with the editors of its previous plan.
/// </summary>
public class PlanEditorship
{
    public int PlanId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>
    /// Granted by a mapping of the organisation's groups (Oidc.RoleMappings), which adds and removes such rows at each
    /// sign-in; a redacteur set by hand (false) is never touched by a mapping.
    /// </summary>
    public bool FromMapping { get; set; }
}
