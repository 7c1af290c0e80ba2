using System.Net;
using System.Net.Sockets;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Editing;
using Dashboard.Presentation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>An unattended screen (the chamber's projector) comes back by itself when the server restarts.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RestartBrowserTests(Browser browser) : IAsyncLifetime
{
    private sealed class Server(string dataDir, int port) : AppServer(dataDir, port, ownsDataDir: false);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("dashboard-restart-").FullName;
    private readonly int _port = FreePort();
    private Server? _server;

    public async Task InitializeAsync()
    {
        _server = new Server(_dataDir, _port);
        await ((IAsyncLifetime)_server).InitializeAsync();
    }

    [SkippableFact]
    public async Task AfterAServerRestart_ThePresentationAndItsFollowers_ComeBackToThePresentersSlide()
    {
        var app = _server!;
        await using var presenterContext = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        await using var followerContext = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var presenter = await presenterContext.NewPageAsync();
        await presenter.GotoInteractiveAsync($"{app.BaseUrl}/presentatie?dia=3");
        var follower = await followerContext.NewPageAsync();
        await follower.GotoInteractiveAsync($"{app.BaseUrl}/presentatie/volgen");
        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 3 van 6");

        // A mark on each page that only a reload removes, so that the old screen cannot pass for the new one.
        await presenter.EvaluateAsync("() => window.beforeRestart = true");
        await follower.EvaluateAsync("() => window.beforeRestart = true");

        // The server goes away (its memory of the presenter's slide with it) and comes back on the same address.
        await ((IAsyncLifetime)app).DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        _server = new Server(_dataDir, _port);
        await ((IAsyncLifetime)_server).InitializeAsync();

        // Nobody touches either screen: they find the old session gone and reload by themselves.
        await presenter.WaitUntilAsync("() => window.beforeRestart === undefined", "the presenter's screen reloaded", 90_000);
        await follower.WaitUntilAsync("() => window.beforeRestart === undefined", "the follower's screen reloaded", 90_000);
        await presenter.WaitForInteractiveAsync();
        await follower.WaitForInteractiveAsync();
        await Expect(presenter.Locator(".slide-number")).ToHaveTextAsync("Dia 3 van 6");
        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 3 van 6");
        await Expect(follower.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Vergroten van de flexibiliteit");
        Assert.Equal(2, (await _server.Get<PresentationHub>().CurrentAsync())?.Slide);

        // And the presenter drives again.
        await presenter.Keyboard.PressAsync("ArrowRight");
        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 4 van 6");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await ((IAsyncLifetime)_server).DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
