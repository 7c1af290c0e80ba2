using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, inside the test process. It keeps what it
/// accepts as parsed MimeKit messages; it can refuse messages (451) or hold one until the client gives up.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public enum Behaviour
    {
        Accept,
        /// <summary>Answers 451 to DATA: the message is not taken.</summary>
        Refuse,
        /// <summary>Holds the DATA until <see cref="Release"/>, then refuses it: a sender cut off mid-send.</summary>
        Hang,
    }

    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private readonly Store _store;

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received => _store.Received;
    public Behaviour Mode { get => _store.Mode; set => _store.Mode = value; }

    /// <summary>Set when a message reaches the server in <see cref="Behaviour.Hang"/>.</summary>
    public Task Entered => _store.Entered.Task;

    public void Release() => _store.Released.TrySetResult();

    private SmtpTestServer(int port)
    {
        Port = port;
        _store = new Store();
    }

    /// <summary>A free port with nothing listening on it yet (a refused connection, until <see cref="StartAsync"/>).</summary>
    public static SmtpTestServer Create()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port);
    }

    public static async Task<SmtpTestServer> StartedAsync()
    {
        var server = Create();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
        // Wait until it listens.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    /// <summary>Every message the server took, by Message-Id: each must be there exactly once.</summary>
    public IReadOnlyDictionary<string, int> CountsByMessageId() =>
        Received.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
            }
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Received { get; } = new();
        public volatile Behaviour Mode = Behaviour.Accept;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            switch (Mode)
            {
                case Behaviour.Refuse:
                    return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try again later");
                case Behaviour.Hang:
                    Entered.TrySetResult();
                    await Released.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
                    return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "cut off");
            }
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                stream.Write(segment.Span);
            }
            stream.Position = 0;
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
