using System.Security.Claims;

namespace Dashboard.TwoFactor;

/// <summary>
/// An account that must set up its second factor (<see cref="TwoFactorRule"/>) reaches only Mijn account, the sign-in
/// and sign-out, the language switch and the static files: every other page goes to the section Tweestapsverificatie,
/// and anything else (the Blazor hub, so no screen opens; the endpoints) is refused. The service layer refuses its
/// writes as well; this keeps the person from a dashboard they could not use anyway.
/// </summary>
public sealed class TwoFactorSetupGate(RequestDelegate next)
{
    public const string SetupPath = "/Account/Manage";
    public const string SetupAnchor = "tweestapsverificatie";

    private static readonly string[] Open = ["/Account", "/taal", "/health", "/_framework", "/_content"];

    public async Task InvokeAsync(HttpContext context, TwoFactorRule rule)
    {
        if (context.User.Identity?.IsAuthenticated != true || IsOpen(context.Request.Path)
            || !await rule.MustSetUpAsync(context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.RequestAborted))
        {
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.Redirect($"{context.Request.PathBase}{SetupPath}#{SetupAnchor}");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    /// <summary>The pages and files that someone who still has to set up may reach; a file is a last segment with a dot (app.css).</summary>
    private static bool IsOpen(PathString path) =>
        Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || (path.Value is { } value && value.LastIndexOf('/') is var slash && value.IndexOf('.', slash + 1) > slash);
}
