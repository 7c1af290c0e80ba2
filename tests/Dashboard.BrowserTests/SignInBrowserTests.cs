using System.Net;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SignInBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private async Task<string> NewUserAsync() => (await app.CreateUserAsync(DashboardRoles.Manager)).Email;

    private static async Task<string> TryAsync(IPage page, AppServer app, string email, string password)
    {
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        return await page.Locator("main").InnerTextAsync();
    }

    [SkippableFact]
    public async Task UnknownUserAndWrongPassword_GetExactlyTheSameAnswer()
    {
        var email = await NewUserAsync();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();

        var unknown = await TryAsync(page, app, "niemand@test.local", AppServer.Password);
        var wrong = await TryAsync(page, app, email, "een verkeerd maar lang wachtwoord");

        Assert.Equal(unknown, wrong);
        Assert.Contains("Aanmelden is niet gelukt. Controleer uw e-mailadres en wachtwoord.", wrong);
        await page.AssertAccessibleAsync("sign-in failure");
    }

    [SkippableFact]
    public async Task FiveFailures_LockTheAccount_AndTheRightPasswordThenFailsTheSameWay()
    {
        var email = await NewUserAsync();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        var failure = "";
        for (var i = 0; i < 5; i++)
        {
            failure = await TryAsync(page, app, email, $"fout wachtwoord nummer {i}");
        }

        var afterLockout = await TryAsync(page, app, email, AppServer.Password);

        Assert.Equal(failure, afterLockout);
        Assert.Contains("/Account/Login", page.Url);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [SkippableFact]
    public async Task SignInCookie_IsSecureHttpOnlyAndSameSite()
    {
        await using var context = await browser.NewContextAsync(app);

        var cookies = await context.CookiesAsync();

        var auth = cookies.Single(c => c.Name == "Dashboard.Auth");
        Assert.True(auth.Secure && auth.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, auth.SameSite);
        var antiforgery = cookies.Single(c => c.Name.StartsWith(".AspNetCore.Antiforgery"));
        Assert.True(antiforgery.Secure && antiforgery.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, antiforgery.SameSite);
    }

    [SkippableFact]
    public async Task SignOutEverywhere_EndsTheOtherBrowsersOpenScreen()
    {
        var email = await NewUserAsync();
        await using var laptop = await browser.NewAnonymousContextAsync(app);
        await using var tablet = await browser.NewAnonymousContextAsync(app);
        var here = await laptop.NewPageAsync();
        var there = await tablet.NewPageAsync();
        await here.SignInAsync(app, email, AppServer.Password, "/Account/Manage");
        await there.SignInAsync(app, email, AppServer.Password);
        await Expect(there.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");

        await here.GetByRole(AriaRole.Button, new() { Name = "Overal afmelden" }).ClickAsync();

        await Expect(here).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        // The open screen elsewhere loses its sign-in at its next check and goes to the sign-in page.
        await Expect(there).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 30_000 });
        await there.GotoAsync(app.BaseUrl + "/");
        await Expect(there).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }
}

/// <summary>Sign-in attempts are rate limited per client address.</summary>
[Trait("Category", "Browser")]
public class SignInRateLimitTests(SignInRateLimitTests.Server app) : IClassFixture<SignInRateLimitTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "3" };
    }

    [Fact]
    public async Task TooManyAttempts_AreRefusedWithADutchMessage()
    {
        using var http = app.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@test.local", ["Input.Password"] = "iets" }));
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.Contains("Te veel aanmeldpogingen", await last!.Content.ReadAsStringAsync());
        last.Dispose();
    }
}
