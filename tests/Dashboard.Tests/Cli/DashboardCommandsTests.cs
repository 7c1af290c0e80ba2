using Dashboard.Cli;

namespace Dashboard.Tests.Cli;

/// <summary>Which first arguments are verbs (known or mistyped) and which are ASP.NET's, that start the server.</summary>
[Trait("Category", "Fast")]
public class DashboardCommandsTests
{
    [Theory]
    [InlineData("backup")]
    [InlineData("help")]
    [InlineData("bakup")]
    [InlineData("Backup")]
    [InlineData("create-user")]
    public void AFirstWord_IsAVerb_KnownOrNot(string first) =>
        Assert.True(DashboardCommands.IsCommand([first, "--out", "x.db"]));

    [Theory]
    [InlineData("--urls")]
    [InlineData("--environment=Production")]
    [InlineData("-v")]
    [InlineData("/urls")]
    [InlineData("Dashboard:SeedDemoData=false")]
    [InlineData("urls=http://127.0.0.1:0")]
    public void AnOption_OrAKeyValuePair_StartsTheServer(string first) =>
        Assert.False(DashboardCommands.IsCommand([first, "http://127.0.0.1:0"]));

    [Fact]
    public void NoArguments_StartsTheServer() => Assert.False(DashboardCommands.IsCommand([]));
}
