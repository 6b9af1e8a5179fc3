using Dailyfeed.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Timers;

/// <summary>
/// A timer bound to one activation. Each tick is a turn; a tick that is still running when the next is due makes
/// that next tick skip, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private int _running;
    private volatile bool _disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        _logger = logger;
        _timer = new Timer(static s => _ = ((GrainTimer)s!).TickAsync(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => _timer.Change(_dueTime, _period);

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private async Task TickAsync()
    {
        if (_disposed || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            if (!await _activation.RunTimerTurnAsync(_callback).ConfigureAwait(false))
            {
                Dispose();
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Timer callback of {GrainId} failed", _activation.GrainId);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
