using System.Security.Claims;
using Dashboard.Domain;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Re-checks an open circuit's user every Security:RevalidationInterval (30 s): a disabled user, or one
/// whose role or password changed (a new security stamp), loses the circuit's sign-in within a minute.
/// An SSO session also refreshes its tokens at the provider here, and loses the sign-in when that fails or its rights changed.
/// Writes do not wait for this: the services look up the user's current roles on every save.
/// </summary>
public sealed class RevalidatingAuthStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SecurityOptions> securityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => securityOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        var stamp = state.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        if (stamp != await users.GetSecurityStampAsync(user))
        {
            return false;
        }
        // An SSO session refreshes its tokens at the provider and reads its roles again (Oidc.OidcRefresher).
        return state.User.FindFirstValue(Oidc.OidcRefresher.SessionClaim) is not { } session
            || scope.ServiceProvider.GetService<Oidc.OidcRefresher>() is not { } refresher
            || await refresher.RefreshAsync(user, session, cancellationToken);
    }
}
