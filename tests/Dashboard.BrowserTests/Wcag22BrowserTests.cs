using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// The WCAG 2.2 criteria axe-core cannot decide: focus not hidden by the sticky header (2.4.11), no dragging
/// (2.5.7), help in the same place on every page (3.2.6), no entering the same thing twice (3.3.7), and a
/// sign-in that allows paste and password managers (3.3.8). Target size (2.5.8) is in ResponsiveBrowserTests
/// and axe's wcag22aa rules.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class Wcag22BrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    // The focused element is hidden when none of it is visible below the fixed app bar: not in the viewport,
    // or every point of it that is drawn under something else.
    private const string FocusObscured = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) return '';
            if (el.closest('.mud-appbar, .mud-drawer, .mud-dialog-container, .mud-popover')) return '';
            const r = el.getBoundingClientRect();
            const xs = [r.left + 2, r.left + r.width / 2, r.right - 2], ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
            for (const x of xs) for (const y of ys) {
                if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
                const hit = document.elementFromPoint(x, y);
                if (hit && (hit === el || el.contains(hit) || hit.contains(el))) return ''; // an ancestor: el lets the pointer through
            }
            const bar = document.querySelector('.mud-appbar');
            return `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" at ${Math.round(r.top)}..${Math.round(r.bottom)}, the header ends at ${bar ? Math.round(bar.getBoundingClientRect().bottom) : 0}`;
        }
        """;

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1280, 720)]
    public async Task FocusedElement_IsNeverHiddenByTheStickyHeader_TabbingForwardOrBack(int width, int height)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Manager, width: width, height: height);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP1")}");

        var hidden = new List<string>();
        foreach (var key in Enumerable.Repeat("Tab", 70).Concat(Enumerable.Repeat("Shift+Tab", 70)))
        {
            await page.Keyboard.PressAsync(key);
            var problem = await page.EvaluateAsync<string>(FocusObscured);
            if (problem.Length > 0)
            {
                hidden.Add($"{key}: {problem}");
            }
        }
        Assert.True(hidden.Count == 0, "focus hidden behind the header:\n" + string.Join("\n", hidden.Distinct().Take(10)));
    }

    [SkippableFact]
    public async Task NothingNeedsDragging_MilestonesMoveWithButtons()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Manager);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP1")}");

        Assert.Equal(0, await page.Locator("[draggable=true], .mud-drop-zone, .mud-drop-container").CountAsync());
        var milestones = await page.Locator("ol.milestone-timeline > li").CountAsync();
        Assert.True(milestones > 1);
        Assert.Equal(milestones, await page.Locator("ol.milestone-timeline > li").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Omhoog" }) }).CountAsync());
        Assert.Equal(milestones, await page.Locator("ol.milestone-timeline > li").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Omlaag" }) }).CountAsync());
    }

    [SkippableFact]
    public async Task Help_IsInTheSamePlaceOnEveryPageThatOffersIt()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var page = await context.NewPageAsync();
        var seen = new Dictionary<string, string>();
        foreach (var route in AppRoutes.Templates)
        {
            await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));
            if (await page.Locator(".presentation").CountAsync() > 0)
            {
                continue; // full-screen presentation: no page chrome, and no help offered there
            }
            // The help is the footer's link to the accessibility statement (with its contact details), after the main content.
            var footer = await page.EvaluateAsync<string>("""
                () => {
                    const footer = document.querySelector('footer.app-footer');
                    const main = document.querySelector('main');
                    if (!footer || !main || !(main.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING)) return '';
                    return [...footer.querySelectorAll('a')].map(a => new URL(a.href).pathname).join(' ');
                }
                """);
            seen[route] = footer;
        }
        Assert.All(seen, p => Assert.True(p.Value == "/toegankelijkheid", $"{p.Key}: the footer after the content has '{p.Value}'"));
    }

    [SkippableFact]
    public async Task StatusDialog_OffersTheCauseConsequenceAndCorrectiveActionAlreadyGiven()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Manager);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP3")}"); // Vertraagd in the demo

        var latest = page.Locator(".status-history li").First;
        var given = await latest.Locator(".update-reasons dd").AllInnerTextsAsync();
        Assert.Equal(3, given.Count);
        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        await Expect(dialog.GetByLabel("Oorzaak")).ToHaveValueAsync(given[0].Trim());
        await Expect(dialog.GetByLabel("Gevolg")).ToHaveValueAsync(given[1].Trim());
        await Expect(dialog.GetByLabel("Bijsturing")).ToHaveValueAsync(given[2].Trim());
    }

    [SkippableFact]
    public async Task SignIn_AllowsPasteAndPasswordManagers_AndAsksNoPuzzle()
    {
        await using var context = await browser.NewAnonymousContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");

        await Expect(page.Locator("#email")).ToHaveAttributeAsync("autocomplete", "username");
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("autocomplete", "current-password");
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("type", "password");
        foreach (var field in new[] { "#email", "#password" })
        {
            var blocked = await page.Locator(field).EvaluateAsync<bool>("""
                el => {
                    const data = new DataTransfer();
                    data.setData('text/plain', 'geplakt');
                    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
                    el.dispatchEvent(paste);
                    return paste.defaultPrevented || el.hasAttribute('onpaste');
                }
                """);
            Assert.False(blocked, $"pasting into {field} is blocked");
        }
        // No puzzle, code or other cognitive test: the e-mail address and the password are all it asks.
        Assert.Equal(0, await page.Locator("main form input:not([type=hidden]):not(#email):not(#password):not([type=checkbox])").CountAsync());

        // What a password manager does: fill both fields at once and submit.
        await page.Locator("#email").FillAsync(AppServer.Email(DashboardRoles.CouncilMember));
        await page.Locator("#password").FillAsync(AppServer.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }
}
