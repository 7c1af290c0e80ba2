using Dashboard.Security;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Hosting;

public static class CultureEndpoints
{
    /// <summary>
    /// GET /taal/{culture}?terug=/path: remembers the language in a cookie for a year and goes back
    /// (a full page load, so the new circuit renders in that language).
    /// </summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/taal/{culture}", (string culture, string? terug, HttpContext http) =>
        {
            if (!Cultures.Supported.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = http.Request.IsHttps || !http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment(),
                    SameSite = SameSiteMode.Lax,
                });
            return Results.LocalRedirect(LocalUrls.PathOrRoot(terug));
        }).AllowAnonymous();
}
