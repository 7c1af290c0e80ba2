using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Dashboard.Editing;
using Dashboard.Resources;
using Dashboard.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Dashboard.Api;

/// <summary>The API's wiring: its key scheme and policies, rate limit, CORS, body limit, OpenAPI document and reference page.</summary>
public static class ApiSetup
{
    public const string ReadPolicy = "Api.Read";
    public const string MeasurementsPolicy = "Api.Measurements";
    public const string StatusPolicy = "Api.Status";
    public const string RateLimitPolicy = "Api";
    public const string CorsPolicy = "Api";
    public const string DocumentName = "v1";
    public const string ReferencePath = "/api";
    /// <summary>Where Scalar's own files are served; the page at <see cref="ReferencePath"/> loads them from here.</summary>
    public const string ScalarAssets = "/api/reference";

    public static void AddDashboardApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<ApiProblems>();
        services.AddSingleton<ApiQueries>();
        services.AddSingleton<ApiReadServices>();
        services.AddSingleton<ApiWrites>();
        services.AddSingleton<FailedKeyThrottle>();
        services.ConfigureHttpJsonOptions(o => ApiProblems.Configure(o.SerializerOptions));

        // Only the API's policies name this scheme: a sign-in cookie never counts on /api/v1.
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireAssertion(c =>
                // A public dashboard reads without a key; a key that is given must still be valid.
                security.AllowAnonymousRead
                    ? c.User.Identity?.IsAuthenticated == true || c.Resource is not HttpContext http || !http.Request.Headers.ContainsKey("Authorization")
                    : c.User.HasClaim(ApiKeyHandler.ScopeClaim, ApiScopes.Read)))
            .AddPolicy(MeasurementsPolicy, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyHandler.ScopeClaim, ApiScopes.Measurements))
            .AddPolicy(StatusPolicy, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyHandler.ScopeClaim, ApiScopes.Status));

        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimit>(RateLimitPolicy));

        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-Match")
            .WithExposedHeaders("ETag", "Location", "Retry-After")));

        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            // The peildatum's schema is written by the operation transformer, in place: no component for the type behind it.
            o.CreateSchemaReferenceId = t => (Nullable.GetUnderlyingType(t.Type) ?? t.Type) == typeof(Peildatum) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
            o.AddDocumentTransformer(ApiDocument.DescribeAsync);
            o.AddOperationTransformer(ApiDocument.DescribeOperationAsync);
        });
    }

    /// <summary>Before authentication: API answers are problem documents (never the web app's pages), bodies have a limit, CORS.</summary>
    public static void UseApi(this WebApplication app)
    {
        var max = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ApiEndpoints.Prefix), api => api.Use(async (http, next) =>
        {
            if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            var problems = http.RequestServices.GetRequiredService<ApiProblems>();
            if (http.Request.ContentLength > max)
            {
                await problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Api.Problem.TooLarge", [max / 1024]);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }
            // A typed result (NotFound<ProblemDetails>) writes its problem as application/json: labelled as the problem document it is.
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode >= 400 && http.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                {
                    http.Response.ContentType = ApiProblems.ContentType;
                }
                return Task.CompletedTask;
            });
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Api").LogError(e, "API request failed");
                http.Response.Clear();
                await problems.WriteAsync(http, StatusCodes.Status500InternalServerError, "Api.Problem.ServerError");
                return;
            }
            // An answer of routing without a body (no such address, 405, 415): a problem document like every other.
            if (http.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
            {
                await problems.WriteAsync(http, http.Response.StatusCode, http.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => "Api.Problem.NoSuchEndpoint",
                    StatusCodes.Status415UnsupportedMediaType => "Api.Problem.NotJson",
                    _ => "Api.Problem.Other",
                });
            }
        }));
        app.UseCors();
    }

    public static void MapDashboardApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        // Scalar's page puts its start-up in an inline script, which the CSP (script-src 'self') refuses. Its files
        // are served from /api/reference and the page at /api is our own: the same start-up from a file of this app
        // (wwwroot/js/api-reference.js), so the strict CSP holds there too and nothing is loaded from the internet.
        var scalar = app.MapScalarApiReference(ScalarAssets, o => o
                .WithTitle("Voortgangsdashboard API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent())
            .AllowAnonymous()
            .ExcludeFromDescription();
        scalar.Add(e =>
        {
            // Scalar's own HTML page (with the inline script) goes to ours; its script files stay.
            if (e is RouteEndpointBuilder r && r.RoutePattern.RawText?.Contains("{documentName", StringComparison.Ordinal) == true)
            {
                r.RequestDelegate = http =>
                {
                    http.Response.Redirect(ReferencePath);
                    return Task.CompletedTask;
                };
            }
        });

        app.MapGet(ReferencePath, (IStringLocalizer<SharedResource> L) => Results.Content($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{System.Net.WebUtility.HtmlEncode(L["Api.ReferenceTitle"])}</title>
            </head>
            <body>
                <noscript><p>{System.Net.WebUtility.HtmlEncode(L["Api.ReferenceNoScript"])} <a href="/openapi/{DocumentName}.json">/openapi/{DocumentName}.json</a></p></noscript>
                <div id="app" data-document="/openapi/{DocumentName}.json"></div>
                <script src="{ScalarAssets}/scalar.js"></script>
                <script type="module" src="/js/api-reference.js"></script>
            </body>
            </html>
            """, "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}

/// <summary>
/// Requests per minute per key. The limiter runs before authentication, so the partition is the presented
/// Authorization header's hash (a wrong key only spends its own budget), or the client address without one.
/// </summary>
public sealed class ApiRateLimit(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<ApiProblems>().WriteAsync(http, StatusCodes.Status429TooManyRequests, "Api.Problem.TooMany",
            [options.Value.RequestsPerMinute, seconds]);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var key = header.Length > 0
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)))
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.RequestsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
