using Dashboard.Domain;
using Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dashboard.Oidc;

public static class OidcServices
{
    public const string StartPath = "/Account/Oidc/Start";
    public const string CompletePath = "/Account/Oidc/Complete";
    public const string NoAccessPath = "/Account/GeenToegang";

    /// <summary>The mapping service and the settings; the same for the app, the verbs and the tests.</summary>
    public static IServiceCollection AddOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section));
        services.AddOptions<LocalAccountOptions>().Bind(configuration.GetSection("Authentication"));
        services.AddSingleton<RoleMappings>();
        services.AddScoped<OidcAccounts>();
        return services;
    }

    /// <summary>
    /// ASP.NET Core's OpenID Connect handler, when Authentication:Oidc:Authority and ClientId are set: code flow with
    /// PKCE, signing in to Identity's external cookie, from which <see cref="CompletePath"/> links the account.
    /// </summary>
    public static void AddDashboardOidc(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!settings.Enabled)
        {
            return;
        }
        builder.Services.AddSingleton<OidcRefresher>();
        // The session claim survives the cookie's periodic re-issue (the security stamp check makes a new principal).
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(OidcRefresher.SessionClaim) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
            }
            return Task.CompletedTask;
        });
        builder.Services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, settings.DisplayName ?? "OpenID Connect", o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in settings.Scopes.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                o.Scope.Add(scope.Trim());
            }
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.BackchannelTimeout = TimeSpan.FromSeconds(15);
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            // Every claim of the ID token is kept (roles, groups, oid, tid, _claim_names, hasgroups), not only the mapped few.
            o.ClaimActions.Clear();
            o.Events.OnRemoteFailure = async context =>
            {
                var accounts = context.HttpContext.RequestServices.GetRequiredService<OidcAccounts>();
                var refusal = context.Failure is HttpRequestException || context.Failure?.InnerException is HttpRequestException ? OidcRefusal.Unavailable : OidcRefusal.Failed;
                await accounts.RefuseAsync(null, refusal, context.Failure?.Message, context.HttpContext.RequestAborted);
                context.Response.Redirect(NoAccessUrl(refusal));
                context.HandleResponse();
            };
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.Properties.Items.TryGetValue("id_token_hint", out var hint) && hint is not null)
                {
                    context.ProtocolMessage.IdTokenHint = hint;
                }
                return Task.CompletedTask;
            };
        });
    }

    public static string NoAccessUrl(OidcRefusal refusal) => $"{NoAccessPath}?reden={refusal.ToString().ToLowerInvariant()}";

    public static bool SignedInWithOidc(this System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(c => c.Type == OidcRefresher.SessionClaim);

    /// <summary>Sign-in starts here (the button on the sign-in page) and ends at <see cref="CompletePath"/>.</summary>
    public static void MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Without Authentication:Oidc there is nothing to map: the app is as it was.
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled)
        {
            return;
        }
        endpoints.MapGet(StartPath, async (HttpContext http, string? returnUrl) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = $"{CompletePath}?returnUrl={Uri.EscapeDataString(LocalUrls.PathOrRoot(returnUrl))}" };
            try
            {
                await http.ChallengeAsync(OidcOptions.Scheme, properties);
                return Results.Empty;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
            {
                // The provider's discovery document could not be read: the provider is down or unreachable.
                await http.RequestServices.GetRequiredService<OidcAccounts>().RefuseAsync(null, OidcRefusal.Unavailable, e.Message, http.RequestAborted);
                return Results.Redirect(NoAccessUrl(OidcRefusal.Unavailable));
            }
        }).AllowAnonymous();

        endpoints.MapGet(CompletePath, async (HttpContext http, string? returnUrl, [FromServices] OidcAccounts accounts,
            [FromServices] SignInManager<DashboardUser> signIn, [FromServices] UserManager<DashboardUser> users) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded)
            {
                await accounts.RefuseAsync(null, OidcRefusal.Failed, "no external sign-in", http.RequestAborted);
                return Results.Redirect(NoAccessUrl(OidcRefusal.Failed));
            }
            var (user, refusal) = await accounts.SignInAsync(external.Principal!, http.RequestAborted);
            if (user is null)
            {
                return Results.Redirect(NoAccessUrl(refusal ?? OidcRefusal.Failed));
            }
            var session = Guid.NewGuid().ToString("N");
            if (external.Properties?.GetTokenValue("refresh_token") is { } refresh)
            {
                await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, OidcRefresher.RefreshTokenName(session), refresh);
            }
            if (external.Properties?.GetTokenValue("id_token") is { } idToken)
            {
                await users.SetAuthenticationTokenAsync(user, OidcOptions.Scheme, OidcRefresher.IdTokenName(session), idToken);
            }
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim(OidcRefresher.SessionClaim, session)]);
            http.RequestServices.GetRequiredService<ILogger<OidcAccounts>>().LogInformation("User {UserId} signed in with the organisation account", user.Id);
            return Results.LocalRedirect(LocalUrls.PathOrRoot(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>
    /// Sign-out of an SSO session: its tokens removed, the local cookie ended, and the provider's session too through its
    /// end-session endpoint when it has one (and answers); else only here. Null for a local sign-in.
    /// </summary>
    public static async Task<IResult?> SignOutAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        if (!options.Enabled || http.User.FindFirst(OidcRefresher.SessionClaim)?.Value is not { } session)
        {
            return null;
        }
        var users = http.RequestServices.GetRequiredService<UserManager<DashboardUser>>();
        string? idToken = null;
        if (await users.GetUserAsync(http.User) is { } user)
        {
            idToken = await users.GetAuthenticationTokenAsync(user, OidcOptions.Scheme, OidcRefresher.IdTokenName(session));
            await OidcRefresher.RemoveSessionAsync(users, user, session);
        }
        await http.RequestServices.GetRequiredService<SignInManager<DashboardUser>>().SignOutAsync();
        try
        {
            var handler = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcOptions.Scheme);
            var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                return null;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return null;
        }
        var properties = new AuthenticationProperties { RedirectUri = "/Account/Login" };
        if (idToken is not null)
        {
            properties.Items["id_token_hint"] = idToken;
        }
        return Results.SignOut(properties, [OidcOptions.Scheme]);
    }
}
