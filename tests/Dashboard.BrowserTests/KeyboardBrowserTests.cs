using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>Everything by keyboard, with a visible focus: the main flow walked without a mouse.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class KeyboardBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private const string FocusedName = """
        () => {
            const el = document.activeElement;
            if (!el) return '';
            const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText) || el.innerText || el.value || '';
            return label.trim().replace(/\s+/g, ' ');
        }
        """;

    private const string FocusIsVisible = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const style = getComputedStyle(el);
            return el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        }
        """;

    /// <summary>Presses Tab until the focused element's name contains <paramref name="name"/>, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string name, int maxPresses = 80, bool backwards = false)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            var focused = await page.EvaluateAsync<string>(FocusedName);
            if (focused.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(await page.EvaluateAsync<bool>(FocusIsVisible), $"focus on '{focused}' is not visible");
                return;
            }
        }
        Assert.Fail($"'{name}' was not reached with {maxPresses} presses of Tab");
    }

    [SkippableFact]
    public async Task SkipLink_IsTheFirstStop_AndMovesFocusToTheMainContent()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de inhoud", await page.EvaluateAsync<string>(FocusedName));
        await Expect(page.Locator("a.skip-link")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.DoesNotContain("Overzicht", await page.EvaluateAsync<string>("() => document.activeElement.closest('nav') ? 'nav' : ''"));
    }

    [SkippableFact]
    public async Task MainFlow_ByKeyboardOnly_OpenASpearpointUpdateItsStatusAndAddAMilestone()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        // Open a spearpoint.
        await TabToAsync(page, "Versterken van het team");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Versterken van het team");
        // The new page's heading has focus, so a screen reader announces it.
        await page.WaitUntilAsync("() => document.activeElement.tagName === 'H1'", "the heading has focus");

        // Update its status: the dialog takes focus, arrows choose the status, Tab reaches the fields.
        await TabToAsync(page, "Status bijwerken");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await page.WaitUntilAsync("() => !!document.activeElement.closest('.mud-dialog')", "focus is inside the dialog");
        await TabToAsync(page, "Op koers");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Aandachtspunt" })).ToBeCheckedAsync();
        await TabToAsync(page, "Toelichting");
        await page.Keyboard.TypeAsync("Met het toetsenbord bijgewerkt.");
        await TabToAsync(page, "Oorzaak");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Oorzaak via toetsenbord.");
        await TabToAsync(page, "Gevolg");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Gevolg via toetsenbord.");
        await TabToAsync(page, "Bijsturing");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Bijsturing via toetsenbord.");
        await TabToAsync(page, "Opslaan");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".status-history li").First).ToContainTextAsync("Met het toetsenbord bijgewerkt.");
        // Focus came back to the button that opened the dialog.
        await page.WaitUntilAsync($"() => ({FocusedName})().toLowerCase().includes('status bijwerken')", "focus is back on Status bijwerken");

        // Add a milestone.
        await TabToAsync(page, "Mijlpaal toevoegen");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        await TabToAsync(page, "Titel");
        await page.Keyboard.TypeAsync("Mijlpaal van het toetsenbord");
        await TabToAsync(page, "Geplande datum");
        await page.Keyboard.TypeAsync("01-12-2023");
        await TabToAsync(page, "Opslaan");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("ol.milestone-timeline")).ToContainTextAsync("Mijlpaal van het toetsenbord");
    }

    [SkippableFact]
    public async Task Dialog_KeepsFocusInside_AndEscapeClosesIt()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP1")}");
        await TabToAsync(page, "Status bijwerken");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.WaitUntilAsync("() => !!document.activeElement.closest('.mud-dialog-container')", "the dialog has focus");

        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            // The trap brings focus back from its sentinel after a round trip to the server: allow for it,
            // but focus that stays outside the dialog fails.
            await page.WaitUntilAsync("() => !!document.activeElement.closest('.mud-dialog-container')", $"focus is back in the dialog after {i + 1} Tabs", 3_000);
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.WaitUntilAsync($"() => ({FocusedName})().toLowerCase().includes('status bijwerken')", "focus is back on Status bijwerken");
    }
}
