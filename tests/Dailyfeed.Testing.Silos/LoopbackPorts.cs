using System.Net;
using System.Net.Sockets;

namespace Dailyfeed.Testing.Silos;

public static class LoopbackPorts
{
    /// <summary>
    /// Ports below the kernel's ephemeral range (32768-60999 by default, /proc/sys/net/ipv4/ip_local_port_range). Every
    /// outgoing connection takes its source port from that range, so a port found free there can be taken by one of the
    /// suites' many client connections before the server binds it ("Address already in use", seen on loaded CI runs).
    /// Below it only another test's server can take a port, and a random pick makes that rare.
    /// </summary>
    private const int LowestPort = 20_000;

    private const int EphemeralRangeStart = 32_768;
    private const int Attempts = 100;

    /// <summary>
    /// A loopback port free a moment ago, outside the ephemeral range. Another test's server could still take it before
    /// the caller binds; that server then fails to start and the harness that started it reports that with its log.
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, EphemeralRangeStart);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {LowestPort} and {EphemeralRangeStart} after {Attempts} tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
