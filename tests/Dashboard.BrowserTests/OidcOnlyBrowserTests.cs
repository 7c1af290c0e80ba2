using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>Authentication:LocalAccounts off: the organisation account instead of the password form, which the server refuses too.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class OidcOnlyBrowserTests(Browser browser, OidcOnlyBrowserTests.Server app) : IClassFixture<OidcOnlyBrowserTests.Server>
{
    public sealed class Server : OidcServer
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["Authentication:LocalAccounts"] = "false" };
    }

    [SkippableFact]
    public async Task TheSignInPage_OffersOnlyTheOrganisationAccount_AndRefusesAPostedPassword()
    {
        await app.EnsureRegisteredAsync();
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw organisatieaccount" })).ToBeVisibleAsync();
        await Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("sign-in with the organisation account only");

        // A password form posted anyway (a saved page, a script) signs nobody in.
        var token = await page.Locator("input[name=__RequestVerificationToken]").CountAsync() > 0
            ? await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync()
            : "";
        var posted = await page.APIRequest.PostAsync(app.BaseUrl + "/Account/Login", new()
        {
            Form = page.APIRequest.CreateFormData()
                .Append("_handler", "login").Append("__RequestVerificationToken", token)
                .Append("Input.Email", AppServer.Email(DashboardRoles.Manager)).Append("Input.Password", AppServer.Password),
            MaxRedirects = 0,
        });
        Assert.NotEqual(302, posted.Status);
        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("/Account/Login", page.Url);
    }
}
