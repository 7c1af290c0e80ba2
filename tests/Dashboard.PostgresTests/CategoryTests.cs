using Dashboard.Tests.Support;

// Outside namespace Dashboard.Tests: [Fact] here is xUnit's own, which needs no PostgreSQL server (see PostgresProvider.cs).
namespace Dashboard.PostgresTests;

[Trait("Category", "Postgres")]
public class CategoryTests
{
    [Fact]
    public void EveryTest_HasExactlyOneCategory_Postgres() => TestCategories.Check(typeof(CategoryTests).Assembly, "Postgres");
}
