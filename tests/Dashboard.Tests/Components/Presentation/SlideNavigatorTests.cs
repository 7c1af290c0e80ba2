using Dashboard.Components.Presentation;

namespace Dashboard.Tests.Components.Presentation;

[Trait("Category", "Fast")]
public class SlideNavigatorTests
{
    [Theory]
    [InlineData("ArrowRight", 2, 3)]
    [InlineData("ArrowDown", 2, 3)]
    [InlineData("PageDown", 2, 3)]
    [InlineData(" ", 2, 3)]
    [InlineData("ArrowLeft", 2, 1)]
    [InlineData("ArrowUp", 2, 1)]
    [InlineData("PageUp", 2, 1)]
    [InlineData("Home", 4, 0)]
    [InlineData("End", 1, 5)]
    [InlineData("3", 0, 2)]
    [InlineData("ArrowRight", 5, 5)]
    [InlineData("PageUp", 0, 0)]
    public void KeysAndClickers_MoveToTheExpectedSlide(string key, int current, int expected)
    {
        var (command, target) = SlideNavigator.Interpret(key, current, count: 6);

        Assert.Equal((SlideCommand.Go, expected), (command, target));
    }

    [Theory]
    [InlineData("7", SlideCommand.None)]
    [InlineData("f", SlideCommand.FullScreen)]
    [InlineData("F", SlideCommand.FullScreen)]
    [InlineData("Escape", SlideCommand.Leave)]
    [InlineData("x", SlideCommand.None)]
    [InlineData("Tab", SlideCommand.None)]
    public void OtherKeys_DoWhatTheySay_OrNothing(string key, SlideCommand expected)
    {
        Assert.Equal(expected, SlideNavigator.Interpret(key, 2, count: 6).Command);
    }
}
