// Small browser helpers; everything else is Blazor and MudBlazor.
(() => {
    // The skip link moves keyboard focus to the main content, not only the scroll position.
    document.addEventListener("click", e => {
        const link = e.target.closest && e.target.closest("a.skip-link");
        if (!link) return;
        const main = document.getElementById("main");
        if (main) {
            e.preventDefault();
            main.focus();
            main.scrollIntoView();
        }
    });

    window.dashboard = {
        focusFirst(selector) {
            const el = document.querySelector(selector);
            if (!el) return;
            if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
            el.focus();
        },
    };
})();
