using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Oidc;
using Dashboard.Tests.Support.Oidc;
using Dashboard.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// The real app with sign-in through a real OpenID Connect provider: the test provider (OpenIddict) on its own loopback
/// port, started before the app, which finds it through Authentication:Oidc as it would find Entra ID or Keycloak.
/// </summary>
public class OidcServer : AppServer
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    /// <summary>How often open screens revalidate (and so refresh their tokens at the provider).</summary>
    protected virtual string RevalidationInterval => "00:10:00";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = Provider.Authority,
        ["Authentication:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["Authentication:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Authentication:Oidc:RoleClaim"] = "roles",
        ["Authentication:Oidc:DisplayName"] = "Gemeente Testdorp",
        // The provider runs on loopback over HTTP, for the tests only.
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Security:RevalidationInterval"] = RevalidationInterval,
    };

    protected override async Task BeforeStartAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
    }

    /// <summary>After the app is up its redirect URIs are known: register it as the provider's client.</summary>
    public async Task EnsureRegisteredAsync()
    {
        if (!_registered)
        {
            await Provider.RegisterClientAsync(BaseUrl);
            _registered = true;
        }
    }

    private bool _registered;

    protected override async Task AfterStopAsync() => await Provider.DisposeAsync();

    /// <summary>The beheerder of the test accounts, as the services see them.</summary>
    public async Task<Actor> AdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(Email(DashboardRoles.Admin));
        return await Get<UserDirectory>().ActorForAsync(admin!.Id);
    }

    /// <summary>Maps a provider value on /beheer's service, as a beheerder would.</summary>
    public async Task MapAsync(string value, string? role, int? planId = null)
    {
        var result = await Get<RoleMappings>().AddAsync(await AdminAsync(), new AddRoleMappingCommand(value, role, planId));
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>The demo plan's id.</summary>
    public async Task<int> DemoPlanAsync()
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>The account linked to <paramref name="person"/>, if any.</summary>
    public async Task<DashboardUser?> AccountOfAsync(TestPerson person)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return await users.FindByLoginAsync(Provider.Authority, person.Shape == TokenShape.Entra ? person.Oid : person.Subject);
    }

    /// <summary>Signs in on the sign-in page with the organisation account, through the provider's own login page.</summary>
    public async Task SignInWithProviderAsync(IPage page, TestPerson person, string returnUrl = "/")
    {
        await EnsureRegisteredAsync();
        await page.GotoAsync($"{BaseUrl}/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw organisatieaccount" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(Provider.Authority + "login", StringComparison.Ordinal)
            || (url.StartsWith(BaseUrl, StringComparison.Ordinal) && !url.Contains("/Account/Login") && !url.Contains("/Account/Oidc/") && !url.Contains("/signin-oidc")));
        if (page.Url.StartsWith(Provider.Authority + "login", StringComparison.Ordinal))
        {
            await page.Locator("#username").FillAsync(person.UserName);
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen bij de provider" }).ClickAsync();
        }
        await page.WaitForURLAsync(url => url.StartsWith(BaseUrl, StringComparison.Ordinal) && !url.Contains("/signin-oidc")
            && !url.Contains("/Account/Oidc/"));
        await page.WaitForInteractiveAsync();
    }
}
