using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Editing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// <c>Authorization: Bearer vd_…</c> on /api/v1. Only the API's policies name this scheme, so a browser's sign-in
/// cookie never counts there, and a key never counts on the web pages.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    ApiProblems problems,
    FailedKeyThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TokenIdClaim = "api_token_id";
    public const string ScopeClaim = "scope";
    /// <summary>A plan the key is limited to, one claim per plan; none: the key reaches every plan.</summary>
    public const string PlanClaim = "api_plan";
    private const string ThrottledItem = "Dashboard.Api.Throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var header = values.ToString();
        var token = values.Count == 1 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted)
            : null;
        if (token is null)
        {
            if (throttle.Failed(Context.Connection.RemoteIpAddress) is { } wait)
            {
                Context.Items[ThrottledItem] = wait;
            }
            return AuthenticateResult.Fail("malformed, unknown, expired or revoked");
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, ApiTokens.ActorName(token.Name)));
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var scope in token.Scopes)
        {
            identity.AddClaim(new Claim(ScopeClaim, scope));
        }
        foreach (var plan in token.Plans ?? new HashSet<int>())
        {
            identity.AddClaim(new Claim(PlanClaim, plan.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is int wait)
        {
            Response.Headers.RetryAfter = FailedKeyThrottle.RetryAfter(wait);
            await problems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Api.Problem.TooManyFailedKeys", [wait]);
            return;
        }
        var given = Request.Headers.ContainsKey("Authorization");
        Response.Headers.WWWAuthenticate = given ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, given ? "Api.Problem.InvalidToken" : "Api.Problem.NoToken");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? ApiScopes.Read;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        await problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Api.Problem.MissingScope", args: [scope]);
    }
}

/// <summary>The scope an endpoint needs, as endpoint metadata (the 403 names it).</summary>
public sealed record RequiredScope(string Scope);

public static class ApiActors
{
    /// <summary>The key as the services see it: its own name, no roles, origin "api", its scopes and the plans it is limited to.</summary>
    public static Actor For(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.Name) ?? "API",
        new HashSet<string>(),
        "api",
        Scopes: user.FindAll(ApiKeyHandler.ScopeClaim).Select(c => c.Value).ToHashSet(),
        Plans: user.FindAll(ApiKeyHandler.PlanClaim).Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
            is { Count: > 0 } plans ? plans : null);

    public static int? TokenId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ApiKeyHandler.TokenIdClaim), out var id) ? id : null;
}
