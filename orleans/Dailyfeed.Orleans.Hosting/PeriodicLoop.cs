namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// A background loop that runs a step on a fixed period until stopped. A failing step is reported and the loop goes
/// on: the silo's maintenance work (heartbeats, reminders, relays, collection) must survive a passing outage.
/// </summary>
internal sealed class PeriodicLoop(TimeSpan period, Func<CancellationToken, Task> step, Action<Exception> onError)
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop = null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                onError(ex);
            }
        }
    }
}
