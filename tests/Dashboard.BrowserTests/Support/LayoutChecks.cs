using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// What a reader on a phone or tablet notices, measured in the page: sideways scrolling, text cut off
/// or drawn over by another element, and targets too small to touch (WCAG 2.5.8).
/// </summary>
public static class LayoutChecks
{
    public static readonly (string Name, int Width, int Height) Phone = ("phone", 390, 844);
    public static readonly (string Name, int Width, int Height) Tablet = ("tablet", 768, 1024);

    /// <summary>Every problem found on the page as it is now, one line each; empty when it reads well.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(Script);

    /// <summary>Fails listing the problems, after saving a screenshot of the page as it is.</summary>
    public static async Task AssertReadableAsync(this IPage page, string state)
    {
        var problems = await ProblemsAsync(page);
        if (problems.Count > 0)
        {
            await page.ScreenshotAsync("layout-" + string.Concat(state.Select(c => char.IsLetterOrDigit(c) ? c : '-')));
            Assert.Fail($"{problems.Count} layout problem(s) in {state} ({page.Url}):\n- " + string.Join("\n- ", problems.Take(25)));
        }
    }

    // One pass over the page, scrolled a screen at a time, because elementFromPoint only sees the viewport.
    private const string Script = """
        () => {
            const problems = new Set();
            const vw = document.documentElement.clientWidth;
            const describe = el => {
                if (!el || !el.tagName) return '?';
                const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
                return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls;
            };
            const text = s => s.trim().replace(/\s+/g, ' ').slice(0, 40);

            // 1. No sideways scrolling of the page itself.
            if (document.documentElement.scrollWidth > vw + 1) {
                problems.add(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in a ${vw} px viewport`);
            }

            const fixedAncestor = el => {
                for (let e = el; e; e = e.parentElement) {
                    const p = getComputedStyle(e).position;
                    if (p === 'fixed' || p === 'sticky') return e;
                }
                return null;
            };

            const hidden = el => {
                // the contents of a closed <details>, and a closed drawer moved off the screen
                if (el.closest('details:not([open])') && !el.closest('summary')) return true;
                const pinned = fixedAncestor(el);
                if (pinned) {
                    const r = pinned.getBoundingClientRect();
                    if (r.right <= 0 || r.left >= vw) return true;
                }
                for (let e = el; e && e !== document.body; e = e.parentElement) {
                    const s = getComputedStyle(e);
                    if (s.visibility === 'hidden' || s.display === 'none' || parseFloat(s.opacity) === 0) return true;
                    // visually hidden for screen readers only: a 1 px clipped box
                    if ((s.overflow !== 'visible' || s.clip !== 'auto') && (e.clientWidth <= 1 || e.clientHeight <= 1)) return true;
                }
                return false;
            };
            // 2. Text: not cut off by a box that clips or scrolls, not off screen, not drawn over by another element.
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
                acceptNode: n => n.textContent.trim() && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(n.parentElement.tagName)
                    ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
            });
            const texts = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!hidden(n.parentElement)) texts.push(n);
            }
            const range = document.createRange();
            for (const n of texts) {
                range.selectNodeContents(n);
                const rect = range.getBoundingClientRect();
                if (rect.width === 0 || rect.height === 0) continue;
                const owner = n.parentElement;
                const left = rect.left + window.scrollX, right = rect.right + window.scrollX;
                if (left < -1 || right > vw + 1) {
                    problems.add(`text "${text(n.textContent)}" in ${describe(owner)} runs off the screen (${Math.round(left)}..${Math.round(right)} of ${vw})`);
                    continue;
                }
                for (let a = owner; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
                    const s = getComputedStyle(a);
                    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
                    const box = a.getBoundingClientRect();
                    const innerLeft = box.left + a.clientLeft, innerRight = innerLeft + a.clientWidth;
                    const innerTop = box.top + a.clientTop, innerBottom = innerTop + a.clientHeight;
                    if (rect.left < innerLeft - 1 || rect.right > innerRight + 1 || rect.top < innerTop - 2 || rect.bottom > innerBottom + 2) {
                        const how = s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowY === 'auto' || s.overflowY === 'scroll'
                            ? 'needs scrolling inside' : 'is cut off by';
                        problems.add(`text "${text(n.textContent)}" in ${describe(owner)} ${how} ${describe(a)}`);
                        break;
                    }
                }
            }

            // Overlap: look at each text a screen at a time.
            const startY = window.scrollY;
            const pageHeight = document.documentElement.scrollHeight;
            const step = Math.max(200, window.innerHeight - 120);
            for (let y = 0; y < pageHeight; y += step) {
                window.scrollTo(0, y);
                for (const n of texts) {
                    const owner = n.parentElement;
                    const pinned = fixedAncestor(owner);
                    range.selectNodeContents(n);
                    for (const r of range.getClientRects()) {
                        if (r.width < 2 || r.height < 2 || r.top < 0 || r.bottom > window.innerHeight) continue;
                        const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + r.height / 2], [r.right - 2, r.top + r.height / 2]];
                        for (const [x, yy] of points) {
                            if (x < 0 || x >= vw) continue;
                            const hit = document.elementFromPoint(x, yy);
                            if (!hit || hit === owner || owner.contains(hit) || hit.contains(owner)) continue;
                            const hitPinned = fixedAncestor(hit);
                            // Content scrolled under the sticky header is not an overlap; the header's own parts are.
                            if (hitPinned && hitPinned !== pinned) continue;
                            // A label drawn over its own field (MudBlazor's outlined inputs) lets clicks through on purpose.
                            if (getComputedStyle(owner).pointerEvents === 'none') continue;
                            problems.add(`text "${text(n.textContent)}" in ${describe(owner)} is overlapped by ${describe(hit)}`);
                            break;
                        }
                    }
                }
            }
            window.scrollTo(0, startY);

            // 3. Targets at least 24 x 24 CSS px, or inline in a sentence, or with a 24 px circle free around them (2.5.8).
            const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], [role=checkbox], [role=tab], [role=switch]')]
                .filter(el => !hidden(el) && !el.closest('[inert]'))
                .map(el => {
                    // MudBlazor draws radios and checkboxes as an icon button with a transparent input on top: the button is the target.
                    const target = el.matches('input[type=radio], input[type=checkbox]') && el.closest('.mud-button-root') ? el.closest('.mud-button-root') : el;
                    return { el, rect: target.getBoundingClientRect() };
                })
                .filter(t => t.rect.width > 0 && t.rect.height > 0 && t.rect.bottom + window.scrollY > 0);
            const inSentence = el => {
                if (getComputedStyle(el).display !== 'inline') return false;
                const block = el.parentElement.closest('p, li, dd, td, figcaption, label, span, div');
                return block && block.textContent.trim().length > el.textContent.trim().length + 3;
            };
            const distance = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
            for (const t of targets) {
                if (t.rect.width >= 23.5 && t.rect.height >= 23.5) continue;
                if (inSentence(t.el)) continue;
                const cx = t.rect.left + t.rect.width / 2, cy = t.rect.top + t.rect.height / 2;
                const crowded = targets.some(o => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) && distance(cx, cy, o.rect) < 12);
                if (crowded) {
                    problems.add(`target ${describe(t.el)} "${text(t.el.innerText || t.el.getAttribute('aria-label') || '')}" is ${Math.round(t.rect.width)}x${Math.round(t.rect.height)} px with another target within 12 px`);
                }
            }
            return [...problems];
        }
        """;
}
