using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Dailyfeed.Runtime.RabbitMQ;

/// <summary>
/// One lazily opened connection per silo. When the broker is down, opening fails fast and the next caller tries again.
/// The client's own automatic recovery is off: publishers reopen on their next publish and consumers resubscribe from
/// their refresh loop, so there is exactly one path back after a broker restart.
/// </summary>
internal sealed class RabbitMqConnection(IOptions<RabbitMqStreamOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }

            var settings = options.Value;
            var factory = new ConnectionFactory
            {
                HostName = settings.HostName,
                Port = settings.Port,
                UserName = settings.UserName,
                Password = settings.Password,
                VirtualHost = settings.VirtualHost,
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = $"dailyfeed-{Environment.MachineName}",
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return _connection;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Closes the socket without the AMQP goodbye, as a crashed process would.</summary>
    public async Task AbortAsync()
    {
        if (_connection is not null)
        {
            await _connection.AbortAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
