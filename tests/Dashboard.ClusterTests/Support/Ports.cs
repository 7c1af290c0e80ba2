using System.Net;
using System.Net.Sockets;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// Free loopback ports from this project's range, apart from other test projects' servers: 55600-55689 for the
/// instances and nginx, 55690-55699 for the throwaway PostgreSQL cluster (unless DASHBOARD_TEST_POSTGRES_PORTS or
/// DASHBOARD_TEST_POSTGRES says otherwise). The range lies in Linux's ephemeral one, so an outgoing connection can take
/// a port between the check and the start: the starters retry.
/// </summary>
public static class Ports
{
    private const int First = 55600;
    private const int Count = 90;
    public const string Postgres = "55690-55699";

    private static int _next = Environment.ProcessId % Count;
    private static readonly Lock Gate = new();

    public static int Free()
    {
        lock (Gate)
        {
            for (var tried = 0; tried < Count; tried++)
            {
                var port = First + _next++ % Count;
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
        throw new InvalidOperationException($"No free port in {First}-{First + Count - 1}");
    }
}
