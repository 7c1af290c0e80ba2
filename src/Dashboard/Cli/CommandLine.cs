namespace Dashboard.Cli;

/// <summary>
/// Command-line verbs of the app (`dotnet run --project src/Dashboard -- &lt;verb&gt; ...`). They use the
/// app's own configuration and services, bring the database up to date, and never start the web server.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], Task<int>>> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["create-admin"] = CreateAdminCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // The "starting" work of the host (migrations, roles) without listening on any port.
        foreach (var service in app.Services.GetServices<IHostedService>().OfType<IHostedLifecycleService>())
        {
            await service.StartingAsync(CancellationToken.None);
        }
        return await Verbs[args[0]](app.Services, args[1..]);
    }

    /// <summary>The value after --name, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
