namespace Dashboard.Components.Presentation;

public enum SlideCommand
{
    None,
    Go,
    FullScreen,
    Leave,
}

/// <summary>
/// The keys a presenter (or a presentation clicker, which sends PageUp/PageDown or arrows) uses:
/// next, previous, first, last, a number to jump, F for full screen, Esc to leave.
/// </summary>
public static class SlideNavigator
{
    public static (SlideCommand Command, int Target) Interpret(string key, int current, int count)
    {
        var last = Math.Max(count - 1, 0);
        return key switch
        {
            "ArrowRight" or "ArrowDown" or "PageDown" or " " or "Spacebar" or "n" or "N" => (SlideCommand.Go, Math.Min(current + 1, last)),
            "ArrowLeft" or "ArrowUp" or "PageUp" or "Backspace" or "p" or "P" => (SlideCommand.Go, Math.Max(current - 1, 0)),
            "Home" => (SlideCommand.Go, 0),
            "End" => (SlideCommand.Go, last),
            "f" or "F" => (SlideCommand.FullScreen, current),
            "Escape" or "Esc" => (SlideCommand.Leave, current),
            [var digit] when char.IsAsciiDigit(digit) => Jump(digit == '0' ? 10 : digit - '0', current, count),
            _ => (SlideCommand.None, current),
        };
    }

    /// <summary>Key "3" shows slide 3 (counting from 1), if there is one.</summary>
    private static (SlideCommand, int) Jump(int number, int current, int count) =>
        number <= count ? (SlideCommand.Go, number - 1) : (SlideCommand.None, current);
}
