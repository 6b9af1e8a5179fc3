using System.Net;
using System.Net.Sockets;

namespace Dailyfeed.Testing.Silos;

public static class LoopbackPorts
{
    /// <summary>
    /// A loopback port free a moment ago. Another process could take it before the server binds; the server then
    /// fails to start and the harness that started it reports that with its log.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
