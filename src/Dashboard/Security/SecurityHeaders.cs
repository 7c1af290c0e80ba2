namespace Dashboard.Security;

/// <summary>
/// The security headers on every response (CSP, frame-ancestors 'none', nosniff, Referrer-Policy; HSTS outside Development). The CSP allows no eval and no inline script
/// (Blazor Server needs neither); inline styles stay allowed because MudBlazor sets style attributes.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, Microsoft.Extensions.Options.IOptions<Oidc.OidcOptions> oidc)
{
    /// <summary>Sign-out posts a form that the app answers with a redirect to the provider's end-session endpoint: form-action allows its origin.</summary>
    private readonly string _policy = oidc.Value.Enabled && Uri.TryCreate(oidc.Value.Authority, UriKind.Absolute, out var authority)
        ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}")
        : ContentSecurityPolicy;

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
