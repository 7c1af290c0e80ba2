namespace Dashboard.BrowserTests.Support;

/// <summary>The app, printing PDFs (briefs, rapportages, the griffie's export) with the same Chromium the tests drive.</summary>
public sealed class PrintingAppServer : AppServer
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Dashboard:ChromiumPath"] = Browser.ExecutablePath,
    };
}
