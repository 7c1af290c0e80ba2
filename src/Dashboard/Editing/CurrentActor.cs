using System.Security.Claims;
using Dashboard.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Editing;

/// <summary>
/// Who is using this circuit (or request): the signed-in user with the roles the database holds now,
/// or <see cref="Actor.Anonymous"/> (no roles) on a public dashboard.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, UserDirectory users, EditorKit kit)
{
    /// <summary>Whether the page offers <paramref name="actor"/> a write in the plan (<see cref="EditorKit.OffersAsync"/>).</summary>
    public Task<bool> OffersAsync(Actor actor, Right right, int planId, string? ownerId = null) => kit.OffersAsync(actor, right, planId, ownerId);

    /// <summary>Of a list of plans, those in which the page offers <paramref name="actor"/> a write (<see cref="EditorKit.MayWhichAsync"/>).</summary>
    public Task<IReadOnlySet<int>> OffersWhichAsync(Actor actor, Right right, IReadOnlyCollection<int> planIds) => kit.MayWhichAsync(actor, right, planIds);

    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.IsAuthenticated == true
            ? await users.ActorForAsync(state.User.FindFirstValue(ClaimTypes.NameIdentifier))
            : Actor.Anonymous;
    }
}
