using Dashboard.Tests.Support;

namespace Dashboard.ApiTests;

[Trait("Category", "Api")]
public class CategoryTests
{
    [Fact]
    public void EveryTest_HasExactlyOneCategory_Api() => TestCategories.Check(typeof(CategoryTests).Assembly, "Api");
}
