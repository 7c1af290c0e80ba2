using System.Reflection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The kinds of test. Every test has exactly one, as <c>[Trait("Category", "…")]</c> on its class (or method), so that
/// a run can pick a kind: <c>dotnet test tests/Dashboard.Tests --filter Category=Fast</c>. Each test project checks its
/// own assembly with <see cref="Check"/> in a test of its own.
/// </summary>
public static class TestCategories
{
    public const string Trait = "Category";

    /// <summary>Every category there is, and what belongs in it.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Fast"] = "in-process, no server to start: the service tests on SQLite, bUnit components, plain unit tests",
        ["Postgres"] = "the service tests once more on a throwaway PostgreSQL server (Dashboard.PostgresTests)",
        ["Api"] = "the HTTP API of the real app on Kestrel (Dashboard.ApiTests)",
        ["Browser"] = "the real app in Chromium through Playwright (Dashboard.BrowserTests)",
        ["Cluster"] = "two app processes on PostgreSQL behind nginx (Dashboard.ClusterTests)",
        ["Process"] = "slow by nature: the app or another program of the solution started as a separate OS process",
    };

    /// <summary>Throws, naming each, when a test of <paramref name="assembly"/> has no category, several, or a wrong one.</summary>
    public static void Check(Assembly assembly, params string[] allowed)
    {
        var problems = Problems(assembly, allowed);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{problems.Count} tests without exactly one right category:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>
    /// One line for each test (a method with xUnit's <c>[Fact]</c> or <c>[Theory]</c>, or an attribute derived from
    /// them) of <paramref name="assembly"/> that has no Category trait, more than one (class and method level counted
    /// together), or one that is not in <paramref name="allowed"/> (when given) or not in <see cref="All"/>. Empty when
    /// all is well. Attributes are read as data, not made: making a test attribute may run code (a skip check).
    /// </summary>
    public static IReadOnlyList<string> Problems(Assembly assembly, params string[] allowed)
    {
        var problems = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var onClass = Hierarchy(type).SelectMany(t => CategoriesOn(t.GetCustomAttributesData())).ToList();
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static);
            foreach (var method in methods.Where(IsTest).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                var categories = onClass.Concat(CategoriesOn(method.GetCustomAttributesData())).ToList();
                var name = $"{type.FullName}.{method.Name}";
                if (categories.Count != 1)
                {
                    problems.Add(categories.Count == 0
                        ? $"{name}: no Category trait (one of {string.Join(", ", allowed.Length > 0 ? allowed : All.Keys)})"
                        : $"{name}: {categories.Count} Category traits ({string.Join(", ", categories)}), where one is wanted");
                }
                else if (!All.ContainsKey(categories[0]) || (allowed.Length > 0 && !allowed.Contains(categories[0])))
                {
                    problems.Add($"{name}: Category \"{categories[0]}\" is not one of {string.Join(", ", allowed.Length > 0 ? allowed : All.Keys)}");
                }
            }
        }
        return problems;
    }

    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributesData().Any(a => Is(a.AttributeType, "Xunit.FactAttribute"));

    /// <summary>The class and its base classes: xUnit counts a trait of a base class too (TraitAttribute is inherited).</summary>
    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            yield return t;
        }
    }

    private static IEnumerable<string> CategoriesOn(IEnumerable<CustomAttributeData> attributes) =>
        from a in attributes
        where a.AttributeType.FullName == "Xunit.TraitAttribute"
            && a.ConstructorArguments.Count == 2
            && a.ConstructorArguments[0].Value as string == Trait
        select a.ConstructorArguments[1].Value as string ?? "";

    /// <summary>Whether <paramref name="type"/> is the named type or derives from it ([Theory] derives from [Fact]).</summary>
    private static bool Is(Type? type, string fullName)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.FullName == fullName)
            {
                return true;
            }
        }
        return false;
    }
}
