using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Sums what the in-process silos record on one counter of the runtime's meter, per value of one tag, from the
/// moment it is created (the silos share this process, so their instruments are visible here).
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private const string PlatformMeter = "Dailyfeed.Platform";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byTag = new(StringComparer.Ordinal);

    public MetricCapture(string instrument, string tag)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == PlatformMeter && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var pair in tags)
            {
                if (pair.Key == tag)
                {
                    _byTag.AddOrUpdate(pair.Value?.ToString() ?? string.Empty, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public long Sum(string tagValue) => _byTag.GetValueOrDefault(tagValue);

    public void Dispose() => _listener.Dispose();
}
