using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dashboard.Components.Progress;

/// <summary>
/// MudBlazor's chip and icon markup, for the parts every open overview holds (the live card): the same classes and
/// look as MudChip and MudIcon, without a component per chip (tests/Dashboard.Benchmarks/FINDINGS-memory.md).
/// </summary>
public static class Chip
{
    /// <summary>A chip's icon: one of MudBlazor's icon constants (trusted SVG markup, never user input).</summary>
    public static RenderFragment Icon(string icon) => b => Svg(b, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", icon);

    /// <summary>A small decorative icon, as <c>&lt;MudIcon Size="Size.Small" aria-hidden="true" /&gt;</c>.</summary>
    public static RenderFragment SmallIcon(string icon) => b => Svg(b, "mud-icon-root mud-svg-icon mud-icon-size-small", icon);

    /// <summary>An outlined small chip with an icon, as <c>&lt;MudChip Size="Small" Variant="Outlined" Color="…" Icon="…"&gt;</c>.</summary>
    public static RenderFragment Outlined(string color, string icon, string cssClass, string text) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", "mud-chip-container");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", $"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-{color} {cssClass}");
        Svg(b, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", icon);
        b.OpenElement(20, "span");
        b.AddAttribute(21, "class", "mud-chip-content");
        b.AddContent(22, text);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    private static void Svg(RenderTreeBuilder b, string cssClass, string icon)
    {
        b.OpenElement(10, "svg");
        b.AddAttribute(11, "class", cssClass);
        b.AddAttribute(12, "focusable", "false");
        b.AddAttribute(13, "viewBox", "0 0 24 24");
        b.AddAttribute(14, "aria-hidden", "true");
        b.AddAttribute(15, "role", "img");
        b.AddMarkupContent(16, icon);
        b.CloseElement();
    }
}
