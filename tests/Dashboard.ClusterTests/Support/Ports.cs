using System.Net;
using System.Net.Sockets;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// Free loopback ports from this project's range (55600-55699), apart from other test projects' servers. The range lies in
/// Linux's ephemeral one, so an outgoing connection can take a port between the check and the start: the starters retry.
/// </summary>
public static class Ports
{
    private static int _next = 55600 + Environment.ProcessId % 50;
    private static readonly Lock Gate = new();

    public static int Free()
    {
        lock (Gate)
        {
            for (var tried = 0; tried < 100; tried++)
            {
                var port = 55600 + (_next++ - 55600) % 100;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                }
            }
        }
        throw new InvalidOperationException("No free port in 55600-55699");
    }
}
