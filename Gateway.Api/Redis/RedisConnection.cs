using StackExchange.Redis;

namespace Dailyfeed.Gateway.Api.Redis;

/// <summary>
/// One multiplexed connection to Redis, opened in the background: the gateway starts and serves without it, and the
/// client library keeps reconnecting on its own, so no request ever waits for a connect.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;

    public RedisConnection(RedisOptions options)
    {
        Options = options;
        _connecting = ConnectionMultiplexer.ConnectAsync(ConfigurationOrThrow(options));
    }

    public RedisOptions Options { get; }

    /// <summary>The database while connected; null while connecting or disconnected (callers then decide alone).</summary>
    public IDatabase? ConnectedDatabase =>
        _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected ? _connecting.Result.GetDatabase() : null;

    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync();
        }
    }

    private static ConfigurationOptions ConfigurationOrThrow(RedisOptions options)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{RedisOptions.Section}:Configuration is not a Redis configuration string: {e.Message}", e);
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            configuration.Password = options.Password;
        }

        // Unreachable at start is a state to live with, not a reason to fail: budgets fall back to each gateway.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        return configuration;
    }
}
