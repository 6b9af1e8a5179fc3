using System.Net;
using System.Net.Sockets;

namespace Dailyfeed.Testing.Silos;

/// <summary>
/// A loopback TCP forwarder that a test can cut: Down() drops every connection and refuses new ones, Up() serves
/// again on the same port. It makes a real dependency (PostgreSQL) die and recover on demand.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        // Outside the ephemeral range: Up() binds the port again after each Down(), and no client connection may take it meanwhile.
        Port = LoopbackPorts.Free();
        Up();
    }

    public int Port { get; }

    public void Up()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public void Down()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    // Linger 0 sends a reset, as a crashed server's kernel would.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose() => Down();

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception)
            {
                return;
            }

            _ = PipeAsync(inbound, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken cancellationToken)
    {
        using var outbound = new TcpClient();
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target, cancellationToken);
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), cancellationToken),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), cancellationToken));
        }
        catch (Exception)
        {
            // A cut connection ends here; the client sees a broken socket, as with a crashed server.
        }
        finally
        {
            inbound.Dispose();
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }
}
