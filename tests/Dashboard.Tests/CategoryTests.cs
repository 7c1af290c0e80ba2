using Dashboard.Tests.Support;

namespace Dashboard.Tests;

[Trait("Category", "Fast")]
public class CategoryTests
{
    [Fact]
    public void EveryTest_HasExactlyOneCategory_FastOrProcess() => TestCategories.Check(typeof(CategoryTests).Assembly, "Fast", "Process");
}
