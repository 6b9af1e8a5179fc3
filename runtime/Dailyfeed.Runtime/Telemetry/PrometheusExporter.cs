using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Dailyfeed.Runtime.Telemetry;

/// <summary>
/// Collects the runtime's (and ASP.NET Core's) counters and histograms with a MeterListener and renders them in the
/// Prometheus text format. No Prometheus exporter package restores in this build environment, so this is the
/// smallest faithful one: cumulative counters and fixed-bucket histograms, labelled by the measurement's tags.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Histogram> _histograms = new();
    private readonly ConcurrentDictionary<string, (string Type, string? Help)> _metadata = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(RuntimeMetrics.MeterPrefix, StringComparison.Ordinal))
            {
                _metadata[instrument.Name] = (instrument is Histogram<double> ? "histogram" : "counter", instrument.Description);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Extra lines (gauges) a host adds at scrape time, such as activation counts, breaker states, backlogs.</summary>
    public ConcurrentBag<Func<CancellationToken, Task<IEnumerable<string>>>> Gauges { get; } = [];

    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key);
            foreach (var (key, value) in group)
            {
                text.Append(CultureInfo.InvariantCulture, $"{key.Name}{key.Labels} {value}\n");
            }
        }

        foreach (var group in _histograms.GroupBy(h => h.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key);
            foreach (var (key, histogram) in group)
            {
                histogram.Render(text, key.Name, key.Labels);
            }
        }

        foreach (var gauge in Gauges)
        {
            foreach (var line in await gauge(cancellationToken).ConfigureAwait(false))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    internal static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}=\"{Convert.ToString(tag.Value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', parts) + "}";
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument.Name, Labels(tags));
        if (instrument is Histogram<double>)
        {
            _histograms.GetOrAdd(key, _ => new Histogram()).Observe(value);
        }
        else
        {
            _counters.AddOrUpdate(key, value, (_, current) => current + value);
        }
    }

    private void Header(StringBuilder text, string name)
    {
        var (type, help) = _metadata[name];
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
    }

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private readonly object _sync = new();
        private long _total;
        private double _sum;

        public void Observe(double value)
        {
            lock (_sync)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (value <= Buckets[i])
                    {
                        _counts[i]++;
                    }
                }

                _total++;
                _sum += value;
            }
        }

        public void Render(StringBuilder text, string name, string labels)
        {
            var inner = labels.Length == 0 ? string.Empty : labels[1..^1] + ",";
            lock (_sync)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{inner}le=\"{Buckets[i]}\"}} {_counts[i]}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{inner}le=\"+Inf\"}} {_total}\n{name}_sum{labels} {_sum}\n{name}_count{labels} {_total}\n");
            }
        }
    }
}
