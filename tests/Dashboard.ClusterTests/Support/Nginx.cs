using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Tests.Support;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// Debian's nginx in the foreground (<c>nginx -c FILE -p DIR</c>, <c>daemon off;</c>) with pid, logs and temp files in
/// a folder of its own, running the repository's src/Dashboard/deploy/nginx/dashboard.conf: only its example values
/// (the instances' addresses, the ports, the certificate and log paths) are replaced, each of them checked to be there,
/// so the test cannot drift from the file operators copy. TLS ends in nginx with a throwaway certificate, as it would in
/// production with a real one; nginx talks plain HTTP to the instances and says X-Forwarded-Proto: https.
/// </summary>
public sealed class Nginx : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    public static readonly string Template = Path.Combine(RepoRoot.Path, "src", "Dashboard", "deploy", "nginx", "dashboard.conf");

    private readonly string _dir;
    private readonly Process _process;

    public int HttpsPort { get; }
    public int HttpPort { get; }
    public string BaseUrl => $"https://127.0.0.1:{HttpsPort}";
    public string AccessLog => Path.Combine(_dir, "dashboard.access.log");
    public string ErrorLog => Path.Combine(_dir, "dashboard.error.log");

    public Nginx(string dir, Instance app1, Instance app2)
    {
        _dir = dir;
        HttpsPort = Ports.Free();
        HttpPort = Ports.Free();
        var tmp = Path.Combine(dir, "tmp");
        Directory.CreateDirectory(tmp);
        // nginx started by root runs its workers as nobody, which writes the temp files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, (UnixFileMode)0b111_111_111);
        }
        WriteCertificate(Path.Combine(dir, "fullchain.pem"), Path.Combine(dir, "privkey.pem"));

        var site = Substitute(File.ReadAllText(Template), new Dictionary<string, string>
        {
            ["10.0.0.11:5215"] = app1.Address,
            [@"10\.0\.0\.11:5215"] = app1.Address.Replace(".", @"\.", StringComparison.Ordinal),
            ["10.0.0.12:5215"] = app2.Address,
            [@"10\.0\.0\.12:5215"] = app2.Address.Replace(".", @"\.", StringComparison.Ordinal),
            ["listen 80;"] = $"listen 127.0.0.1:{HttpPort};",
            ["listen 443 ssl http2;"] = $"listen 127.0.0.1:{HttpsPort} ssl http2;",
            ["/etc/ssl/dashboard/"] = dir + "/",
            ["/var/log/nginx/"] = dir + "/",
        });
        File.WriteAllText(Path.Combine(dir, "dashboard.conf"), site);
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log info;
            events { worker_connections 512; }
            http {
                access_log {{dir}}/access.log;
                client_body_temp_path {{tmp}}/body;
                proxy_temp_path {{tmp}}/proxy;
                fastcgi_temp_path {{tmp}}/fastcgi;
                uwsgi_temp_path {{tmp}}/uwsgi;
                scgi_temp_path {{tmp}}/scgi;
                include {{dir}}/dashboard.conf;
            }
            """);

        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", Path.Combine(dir, "nginx.conf"), "-p", dir, "-e", Path.Combine(dir, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForPort();
    }

    /// <summary>Every example value must be in the template; a renamed one fails here rather than testing something else.</summary>
    private static string Substitute(string template, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (example, value) in values)
        {
            if (!template.Contains(example, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{Template} no longer contains '{example}': update {nameof(Nginx)}.cs with it.");
            }
            template = template.Replace(example, value, StringComparison.Ordinal);
        }
        return template;
    }

    private void WaitForPort()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx ended at start-up (exit {_process.ExitCode}):\n{ReadLog("error.log")}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException("nginx not listening within 20 s:\n" + ReadLog("error.log"));
    }

    public string ReadLog(string name)
    {
        var path = Path.Combine(_dir, name);
        if (!File.Exists(path))
        {
            return "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static void WriteCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=dashboard.example.nl", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("dashboard.example.nl");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
