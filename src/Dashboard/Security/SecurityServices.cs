using System.Threading.RateLimiting;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.TwoFactor;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Security;

public static class SecurityServices
{
    public const string SignInPath = "/Account/Login";

    public static void AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        // Cookies are Secure outside Development, which therefore needs HTTPS (directly, or behind a proxy
        // on this machine that sends X-Forwarded-Proto). `dotnet run` in Development may use plain HTTP.
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var security = section.Get<SecurityOptions>() ?? new SecurityOptions();

        // ASP.NET Core Identity on the same SQLite database; no self-registration exists.
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddDashboardIdentity(builder.Configuration);
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "Dashboard.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // Signing in on the sign-in page (and out on the sign-out path) goes to its ?ReturnUrl= by itself; the
            // handler's own check lets a non-ASCII character through, which the Location header then refuses with a 500.
            o.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalUrls.PathOrRoot(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = secure;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Reading needs a sign-in unless the dashboard is configured as public; beheer needs a beheerder.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p =>
            {
                if (security.AllowAnonymousRead)
                {
                    p.RequireAssertion(_ => true);
                }
                else
                {
                    p.RequireAuthenticatedUser();
                }
            })
            .AddPolicy(Policies.Admin, p => p.RequireRole(DashboardRoles.Admin));
        // No fallback policy: every page and endpoint states its own rule (a test checks that none is left
        // without one). The Blazor hub itself is open, so the public accessibility statement and the
        // not-found page work; inside a circuit AuthorizeRouteView applies each page's rule.

        // The keys that protect sign-in cookies, antiforgery tokens, prerendered state and unsubscribe links live in the
        // database, under one application name: they survive restarts, travel with a backup, and every instance
        // (and every command-line verb) accepts what another one made.
        builder.Services.AddDataProtection()
            .SetApplicationName("Voortgangsdashboard")
            .PersistKeysToDbContext<DashboardDbContext>();

        // Sign-in attempts are limited per client address.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Te veel aanmeldpogingen. Probeer het over een minuut opnieuw.", ct);
            };
        });

        // Behind a TLS-terminating proxy the original scheme and client count (HSTS, secure cookies, absolute
        // redirects, the sign-in rate limit per client). Believed from loopback only, or from Security:ForwardedProxies.
        var proxies = ForwardedProxies(security.ForwardedProxies);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var network in proxies)
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        builder.Services.AddHostedService<AccountSeeder>();
    }

    /// <summary>"10.0.0.5" or "10.0.1.0/24" (IPv6 alike); anything else stops the start, rather than trusting nobody or everybody.</summary>
    private static List<System.Net.IPNetwork> ForwardedProxies(IEnumerable<string> entries) =>
        entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Select(e =>
            System.Net.IPAddress.TryParse(e, out var address)
                ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : System.Net.IPNetwork.TryParse(e, out var network) ? network
                : throw new InvalidOperationException($"Security:ForwardedProxies: '{e}' is neither an address nor a network (10.0.1.0/24).")).ToList();

    /// <summary>Users and roles in the dashboard's database, with the password and lockout rules; shared with the tests.</summary>
    public static IServiceCollection AddDashboardIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.AddIdentityCore<DashboardUser>(o =>
            {
                // Length over composition (NIST SP 800-63B); common passwords are refused by CommonPasswordValidator.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            // The authenticator app (TOTP) as second factor: Dashboard.TwoFactor.
            .AddTokenProvider<AuthenticatorTokenProvider<DashboardUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>();
        return services;
    }

    /// <summary>First in the pipeline: the real scheme and client behind a proxy, and the headers on every response.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    public static void UseSignIn(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorSetupGate();
        app.UseAuthorization();
    }
}
