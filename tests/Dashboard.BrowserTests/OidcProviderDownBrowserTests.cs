using System.Net;
using System.Net.Sockets;
using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>A provider that cannot be reached: a Dutch page saying so, audited, and the password form still signs in.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class OidcProviderDownBrowserTests(Browser browser, OidcProviderDownBrowserTests.Server app) : IClassFixture<OidcProviderDownBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        /// <summary>A loopback port that nobody listens on.</summary>
        private static readonly int ClosedPort = FreePort();

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = $"http://127.0.0.1:{ClosedPort}/",
            ["Authentication:Oidc:ClientId"] = "dashboard",
            ["Authentication:Oidc:ClientSecret"] = "geheim",
            ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        };
    }

    [SkippableFact]
    public async Task TheButton_LeadsToADutchPage_Audited_AndTheLocalSignInStillWorks()
    {
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        int refused;
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            refused = await db.AuditEntries.CountAsync(a => a.Action == "OidcSignIn" && a.Result == AuditResult.Refused);
        }
        await page.GotoAsync(app.BaseUrl + "/Account/Login");

        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw organisatieaccount" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Account/GeenToegang"));
        Assert.Contains("reden=unavailable", page.Url);
        await Expect(page.Locator("main")).ToContainTextAsync("is nu niet bereikbaar");
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(refused + 1, await db.AuditEntries.CountAsync(a => a.Action == "OidcSignIn" && a.Result == AuditResult.Refused));
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar inloggen (ook met e-mailadres en wachtwoord)" }).ClickAsync();
        await page.SignInAsync(app, AppServer.Email(DashboardRoles.Manager), AppServer.Password);
        await Expect(page.Locator(".spearpoint-card").First).ToBeVisibleAsync();
    }
}
