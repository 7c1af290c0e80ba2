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

    // A copy button (data-copy: the id of the element whose text it copies), as for an API key shown once.
    document.addEventListener("click", e => {
        const button = e.target.closest && e.target.closest("[data-copy]");
        const source = button && document.getElementById(button.dataset.copy);
        if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent.trim()).catch(() => { });
    });

    // Presentation mode: clicker keys do not scroll or press the focused button, and the cursor hides when idle.
    const presentationKeys = new Set([" ", "PageUp", "PageDown", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"]);
    document.addEventListener("keydown", e => {
        if (!document.querySelector(".presentation") || !presentationKeys.has(e.key)) return;
        const t = e.target;
        if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
        e.preventDefault();
    });
    let idleTimer = null;
    const wake = () => {
        const root = document.querySelector(".presentation-root");
        if (!root) return;
        root.classList.remove("cursor-idle");
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => root.classList.add("cursor-idle"), 2500);
    };
    document.addEventListener("mousemove", wake);

    window.dashboard = {
        presentation: {
            start() { wake(); },
            async toggleFullScreen() {
                if (document.fullscreenElement) {
                    await document.exitFullscreen();
                } else if (document.documentElement.requestFullscreen) {
                    await document.documentElement.requestFullscreen().catch(() => { });
                }
            },
        },
        focusFirst(selector) {
            const el = document.querySelector(selector);
            if (!el) return;
            if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
            el.focus();
        },
    };
})();
