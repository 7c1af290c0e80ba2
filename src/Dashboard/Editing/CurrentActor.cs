using System.Security.Claims;
using Dashboard.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Editing;

/// <summary>
/// Who is using this circuit (or request): the signed-in user with the roles the database holds now,
/// or <see cref="Actor.Anonymous"/> (no roles) on a public dashboard.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, UserDirectory users)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.IsAuthenticated == true
            ? await users.ActorForAsync(state.User.FindFirstValue(ClaimTypes.NameIdentifier))
            : Actor.Anonymous;
    }
}
