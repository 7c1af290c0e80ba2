using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dashboard.Tests.Support.Oidc;

/// <summary>How the provider shapes its tokens: like Microsoft Entra ID (oid, tid, roles, groups) or like Keycloak (sub, roles).</summary>
public enum TokenShape
{
    Entra,
    Keycloak,
}

/// <summary>A person at the provider. Roles and groups may change while the test runs (as at the municipality).</summary>
public sealed class TestPerson(string userName, TokenShape shape = TokenShape.Entra)
{
    public string UserName { get; } = userName;
    public TokenShape Shape { get; } = shape;
    public string Subject { get; } = Guid.NewGuid().ToString();
    public string Oid { get; } = Guid.NewGuid().ToString();
    public string Email { get; init; } = $"{userName}@gemeente.test";
    public string Name { get; init; } = "Medewerker " + userName;
    public List<string> Roles { get; init; } = [];
    public List<string> Groups { get; init; } = [];

    /// <summary>An Entra groups overage token: no groups, only _claim_names and hasgroups.</summary>
    public bool Overage { get; set; }

    /// <summary>Removed or disabled at the provider: a refresh is refused.</summary>
    public bool Disabled { get; set; }
}

/// <summary>What a hostile or broken provider does to the ID token of a code exchange (the tests of refusals).</summary>
public enum Hostility
{
    None,
    /// <summary>A validly signed ID token, but for another client id.</summary>
    OtherAudience,
    /// <summary>A validly signed ID token that expired an hour ago.</summary>
    Expired,
}

/// <summary>
/// A small real OpenID Connect provider for the tests, built on OpenIddict: discovery, keys, authorization with PKCE,
/// code and refresh token exchange and end-session are OpenIddict's own, on a loopback port over HTTP. It has its own
/// login page (a user name, no password) and issues ID tokens shaped like Entra's or Keycloak's.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "dashboard";
    public const string ClientSecret = "geheim-van-de-testprovider";
    public const string TenantId = "7d1f5a4e-0000-4000-8000-000000000001";
    private const string CookieScheme = "provider";

    private readonly WebApplication _app;
    private readonly SqliteConnection _db;

    public ConcurrentDictionary<string, TestPerson> People { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/.</summary>
    public string Authority { get; private set; } = "";

    public volatile Hostility Hostility;

    /// <summary>How many times the end-session endpoint ended a session here.</summary>
    public int EndedSessions => _endedSessions;
    private int _endedSessions;

    /// <summary>How many refresh tokens were redeemed.</summary>
    public int Refreshes => _refreshes;
    private int _refreshes;

    private TestIdentityProvider(WebApplication app, SqliteConnection db)
    {
        _app = app;
        _db = db;
    }

    public TestPerson Add(TestPerson person)
    {
        People[person.UserName] = person;
        return person;
    }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<DbContext>(o => o.UseSqlite(db).UseOpenIddict());
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "Provider.Session";
            o.LoginPath = "/login";
        });
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                o.RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
                o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        self?.Spoil(context);
                        return default;
                    })
                    .SetOrder(int.MinValue + 100_000));
            });
        var app = builder.Build();
        self = new TestIdentityProvider(app, db);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DbContext>().Database.EnsureCreatedAsync();
        }
        app.UseAuthentication();
        self.Map(app);
        await app.StartAsync();
        self.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return self;
    }

    /// <summary>Registers the dashboard as a confidential client with its redirect URIs (known once the app runs).</summary>
    public async Task RegisterClientAsync(string dashboardBaseUrl)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(ClientId) is { } existing)
        {
            await manager.DeleteAsync(existing);
        }
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri(dashboardBaseUrl + "/signin-oidc") },
            PostLogoutRedirectUris = { new Uri(dashboardBaseUrl + "/signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/login", (string? returnUrl) => Results.Content($"""
            <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Testprovider: inloggen</title></head>
            <body><main><h1>Testprovider</h1>
            <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <label for="username">Gebruikersnaam</label> <input id="username" name="username" autocomplete="username">
            <button type="submit">Inloggen bij de provider</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8"));

        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!People.TryGetValue(form["username"].ToString(), out var person) || person.Disabled)
            {
                return Results.Content("<!doctype html><title>Onbekend</title><p>Onbekende gebruiker</p>", "text/html; charset=utf-8", statusCode: 401);
            }
            await http.SignInAsync(CookieScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, person.UserName)], CookieScheme)));
            return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
        });

        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var session = await http.AuthenticateAsync(CookieScheme);
            if (!session.Succeeded || !People.TryGetValue(session.Principal!.Identity!.Name!, out var person) || person.Disabled)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString },
                    [CookieScheme]);
            }
            return Results.SignIn(Principal(person, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var userName = result.Principal?.GetClaim("username");
            if (request.IsRefreshTokenGrantType())
            {
                Interlocked.Increment(ref _refreshes);
            }
            // The claims are read again from the person as they are now: a group change counts from the next refresh.
            if (userName is null || !People.TryGetValue(userName, out var person) || person.Disabled)
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is no longer allowed to sign in.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            return Results.SignIn(Principal(person, result.Principal!.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme);
            Interlocked.Increment(ref _endedSessions);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    private static ClaimsPrincipal Principal(TestPerson person, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Shape == TokenShape.Entra ? "pairwise-" + person.Subject : person.Subject)
            .SetClaim(Claims.Email, person.Email)
            .SetClaim(Claims.Name, person.Name)
            .SetClaim(Claims.PreferredUsername, person.Email)
            .SetClaim("username", person.UserName);
        if (person.Shape == TokenShape.Entra)
        {
            identity.SetClaim("oid", person.Oid).SetClaim("tid", TenantId);
        }
        identity.SetClaims("roles", [.. person.Roles]);
        if (person.Overage)
        {
            identity.SetClaim("hasgroups", "true").SetClaim("_claim_names", "{\"groups\":\"src1\"}");
        }
        else
        {
            identity.SetClaims("groups", [.. person.Groups]);
        }
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type == "username" ? [Destinations.AccessToken] : [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A hostile provider: replaces a code exchange's ID token with one signed by its own key, but for another client or expired.</summary>
    private void Spoil(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (Hostility == Hostility.None || context.Response.IdToken is not { } original || context.Request?.IsAuthorizationCodeGrantType() != true)
        {
            return;
        }
        var token = new JsonWebToken(original);
        var claims = token.Claims.Where(c => c.Type is not ("aud" or "exp" or "iat" or "nbf")).GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Value : g.Select(c => c.Value).ToArray());
        var now = DateTime.UtcNow;
        var expired = Hostility == Hostility.Expired;
        context.Response.IdToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Audience = expired ? ClientId : "een-ander-dashboard",
            IssuedAt = expired ? now.AddHours(-2) : now,
            NotBefore = expired ? now.AddHours(-2) : now,
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(10),
            SigningCredentials = context.Options.SigningCredentials.First(),
            TokenType = "JWT",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _db.Dispose();
    }
}
