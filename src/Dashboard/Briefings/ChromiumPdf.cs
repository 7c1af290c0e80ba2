using System.Diagnostics;
using Dashboard.Common;
using Microsoft.Extensions.Options;

namespace Dashboard.Briefings;

/// <summary>
/// Prints an HTML document to PDF with Chromium's own print-to-PDF, the engine that prints the brief in the
/// browser. Chromium is given a file it reads from a private temporary folder, never a URL from a request;
/// it resolves no host names, and the document's own policy forbids loading anything.
/// </summary>
public sealed class ChromiumPdf(IOptions<DashboardOptions> options, ILogger<ChromiumPdf> log)
{
    // Each print starts a browser (about 200 MB for a second): two at a time on a two-core server.
    private readonly SemaphoreSlim _gate = new(2);

    public bool IsAvailable => File.Exists(options.Value.ChromiumPath);

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        var folder = Directory.CreateTempSubdirectory("dashboard-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "brief.html");
            var pdf = Path.Combine(folder.FullName, "brief.pdf");
            await File.WriteAllTextAsync(page, html, ct);

            var start = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(folder.FullName, pdf))
            {
                start.ArgumentList.Add(argument);
            }
            start.ArgumentList.Add(new Uri(page).AbsoluteUri);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not print within {options.Value.PdfTimeoutSeconds} s.");
            }
            await Task.WhenAll(output, errors);
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogError("Chromium exited with {ExitCode} without a PDF: {Errors}", process.ExitCode, await errors);
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode} without a PDF.");
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            _gate.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                log.LogWarning(ex, "Could not remove the PDF work folder {Folder}", folder.FullName);
            }
        }
    }

    private static IEnumerable<string> Arguments(string folder, string pdf)
    {
        yield return "--headless";
        yield return "--disable-gpu";
        yield return "--no-first-run";
        yield return "--no-default-browser-check";
        yield return "--disable-extensions";
        yield return "--disable-background-networking";
        yield return "--disable-component-update";
        yield return "--disable-sync";
        yield return "--disable-default-apps";
        yield return "--mute-audio";
        yield return "--host-resolver-rules=MAP * ~NOTFOUND";
        yield return $"--user-data-dir={Path.Combine(folder, "profile")}";
        yield return "--no-pdf-header-footer";
        yield return $"--print-to-pdf={pdf}";
        if (Environment.IsPrivilegedProcess)
        {
            // Chromium refuses to run as root with its sandbox; the page it prints is our own and loads nothing.
            yield return "--no-sandbox";
        }
    }
}
