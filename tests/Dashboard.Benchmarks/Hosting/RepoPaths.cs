namespace Dashboard.Benchmarks.Hosting;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Dashboard.sln.</summary>
    public static readonly string Root = FindRoot();

    public static string Results => Path.Combine(Root, "tests", "Dashboard.Benchmarks", "RESULTS.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
