using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>One answered request of a load run: what was asked, when (since the run began), and what came back.</summary>
public sealed record LoadOutcome(string Operation, TimeSpan At, double Milliseconds, HttpStatusCode Status, string? Code, long? CreatedId, bool Stale);

/// <summary>
/// Closed-loop load against an in-process gateway: workers repeat their operation until the run is stopped or its
/// time limit passes. Every outcome is kept so a test can judge each phase of a fault.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoadOutcome> _outcomes = new();
    private readonly CancellationTokenSource _stop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _workers = [];

    public LoadRun(TimeSpan limit) => _stop = new CancellationTokenSource(limit);

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<LoadOutcome> Outcomes => _outcomes.ToList();

    /// <summary>Starts a worker that repeats <paramref name="operation"/> with a pause between requests, at most <paramref name="maxRequests"/> times.</summary>
    public void AddWorker(string name, Func<Task<ApiResponse>> operation, TimeSpan pause, int maxRequests = int.MaxValue)
    {
        _workers.Add(Task.Run(async () =>
        {
            for (var sent = 0; sent < maxRequests && !_stop.IsCancellationRequested; sent++)
            {
                var at = _clock.Elapsed;
                var started = Stopwatch.GetTimestamp();
                ApiResponse response;
                try
                {
                    response = await operation();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                long? createdId = response.Status == HttpStatusCode.Created && response.Data.TryGetProperty("id", out var id) ? id.GetInt64() : null;
                _outcomes.Enqueue(new LoadOutcome(name, at, milliseconds, response.Status, response.Code, createdId, response.Header("X-Dailyfeed-Stale") == "true"));
                await Task.Delay(pause);
            }
        }));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
