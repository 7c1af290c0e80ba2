using Dashboard.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Components.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out (this browser) and sign-out everywhere (every browser and open screen of this user).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        account.MapPost("/Logout", async (HttpContext http, SignInManager<DashboardUser> signIn) =>
        {
            // An SSO session ends at the provider too (Oidc.OidcServices).
            if (await Dashboard.Oidc.OidcServices.SignOutAsync(http) is { } single)
            {
                return single;
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        account.MapPost("/LogoutEverywhere", async (HttpContext http, [FromServices] UserManager<DashboardUser> users,
            [FromServices] SignInManager<DashboardUser> signIn, [FromServices] ILoggerFactory logs) =>
        {
            if (await users.GetUserAsync(http.User) is { } user)
            {
                // A new security stamp invalidates every other cookie at its next check (within a minute)
                // and every open circuit at its next revalidation.
                await users.UpdateSecurityStampAsync(user);
                logs.CreateLogger("Dashboard.Account").LogInformation("User {UserId} signed out everywhere", user.Id);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        }).RequireAuthorization();
    }
}
