namespace Dashboard.Tests.Support;

/// <summary>The repository root (the folder with Dashboard.sln), found upwards from the test's output folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A file under TestResults/ (screenshots, PDFs, logs a test leaves to look at), its folder made.</summary>
    public static string Artifacts(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, "TestResults", .. parts]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
