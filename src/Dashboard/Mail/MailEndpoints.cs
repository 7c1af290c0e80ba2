using Dashboard.Briefings;

namespace Dashboard.Mail;

/// <summary>The RFC 8058 one-click unsubscribe that mail programs POST to; the page /afmelden is the human way.</summary>
public static class MailEndpoints
{
    public static void MapMailEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A mail program posts "List-Unsubscribe=One-Click" without cookies or an antiforgery token: the signed,
        // time-limited token that names the message is the proof, and it works once (MailPreferences).
        endpoints.MapPost("/" + UnsubscribeTokens.OneClickPath, async (string? token, MailPreferences preferences, CancellationToken ct) =>
        {
            var result = await preferences.UnsubscribeAsync(token, "mail: one-click", ct);
            return result.State is UnsubscribeState.Done or UnsubscribeState.AlreadyUsed
                ? Results.Text("OK", "text/plain; charset=utf-8")
                : Results.BadRequest();
        }).AllowAnonymous().DisableAntiforgery();

        // Opened in a browser instead: the confirmation page, which changes nothing until its button is used.
        endpoints.MapGet("/" + UnsubscribeTokens.OneClickPath, (string? token) =>
            Results.LocalRedirect($"~/{UnsubscribeTokens.PagePath}?token={Uri.EscapeDataString(token ?? "")}")).AllowAnonymous();
    }
}
