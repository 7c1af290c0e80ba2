using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The dates under every indicator chart of the demo plan, measured in Chromium at every width the layout tests use
/// (320 px is 1280 px at 400 % zoom) and a few desktop widths, in Dutch and English: no two visible dates touch (the text's own boxes;
/// where the two ends would touch, the last goes on a line of its own), the first and last stay, each is whole inside
/// its chart, and their text keeps at least 12 px.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ChartLabelsBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private static readonly int[] Widths = [320, 390, 640, 768, 1024, 1280, 1440, 1920];

    [SkippableTheory]
    [InlineData("nl-NL")]
    [InlineData("en-GB")]
    public async Task ChartDates_NeverCollide_AtAnyWidth(string culture)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember, culture);
        var page = await context.NewPageAsync();
        var charts = 0;
        foreach (var code in new[] { "SP1", "SP2", "SP3", "SP4", "IS1", "IS2" })
        {
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync(code)}");
            await page.EvaluateAsync("() => document.fonts.ready");
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 900);
                // The layout's own transitions (the drawer closing below its breakpoint) end before anything is measured.
                await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
                await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                var axes = await page.EvaluateAsync<Axis[]>("""
                    () => [...document.querySelectorAll('.indicator-chart-plot')].map(plot => {
                        const box = plot.getBoundingClientRect();
                        const all = [...plot.querySelectorAll('.chart-x-label')];
                        const shown = all.filter(l => l.getClientRects().length);
                        return {
                            total: all.length,
                            first: all.length > 0 && shown[0] === all[0],
                            last: all.length > 0 && shown[shown.length - 1] === all[all.length - 1],
                            labels: shown.map(l => {
                                const range = document.createRange();
                                range.selectNodeContents(l);
                                const r = range.getBoundingClientRect();
                                return { text: l.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                                         size: parseFloat(getComputedStyle(l).fontSize),
                                         inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 };
                            }),
                        };
                    })
                    """);
                charts += axes.Length;
                foreach (var axis in axes)
                {
                    var where = $"{code} at {width} px ({culture})";
                    Assert.True(axis.First && axis.Last, $"{where}: the first or last date is missing");
                    Assert.All(axis.Labels, l => Assert.True(l.Size >= 12 && l.Inside, $"{where}: '{l.Text}' is {l.Size} px or sticks out"));
                    foreach (var (a, i) in axis.Labels.Select((l, i) => (l, i)))
                    {
                        foreach (var b in axis.Labels.Skip(i + 1))
                        {
                            var overlap = a.Right > b.Left && b.Right > a.Left && a.Bottom > b.Top && b.Bottom > a.Top;
                            Assert.False(overlap, $"{where}: '{a.Text}' ({a.Left:0.#}-{a.Right:0.#}) runs into '{b.Text}' ({b.Left:0.#}-{b.Right:0.#})");
                        }
                    }
                }
                if (width == 1440)
                {
                    // A wide chart shows more than its two ends where it has more dates.
                    Assert.All(axes.Where(a => a.Total > 4), a => Assert.True(a.Labels.Length > 2, $"{code} at 1440 px shows only its ends"));
                }
            }
        }
        Assert.True(charts > 0);
    }

    public sealed class Axis
    {
        public int Total { get; set; }
        public bool First { get; set; }
        public bool Last { get; set; }
        public Label[] Labels { get; set; } = [];
    }

    public sealed class Label
    {
        public string Text { get; set; } = "";
        public double Left { get; set; }
        public double Right { get; set; }
        public double Top { get; set; }
        public double Bottom { get; set; }
        public double Size { get; set; }
        public bool Inside { get; set; }
    }
}
