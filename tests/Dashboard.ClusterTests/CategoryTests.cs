using Dashboard.Tests.Support;

namespace Dashboard.ClusterTests;

[Trait("Category", "Cluster")]
public class CategoryTests
{
    [Fact]
    public void EveryTest_HasExactlyOneCategory_Cluster() => TestCategories.Check(typeof(CategoryTests).Assembly, "Cluster");
}
