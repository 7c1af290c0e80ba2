using Dashboard.Tests.Support;

namespace Dashboard.BrowserTests;

[Trait("Category", "Browser")]
public class CategoryTests
{
    [Fact]
    public void EveryTest_HasExactlyOneCategory_Browser() => TestCategories.Check(typeof(CategoryTests).Assembly, "Browser");
}
