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
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<MetricSeriesKey, MetricSeries> _series = new();

    // Rendered series by name and label text: tags passed in another order find the same series, never a duplicate line.
    private readonly ConcurrentDictionary<(string Name, string Labels), MetricSeries> _byLabels = new();
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

    public ConcurrentBag<Func<CancellationToken, Task<IEnumerable<string>>>> Gauges { get; } = [];

    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var group in _byLabels.Values.GroupBy(s => (s.Name, s.IsHistogram)).OrderBy(g => g.Key.IsHistogram).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            Header(text, group.Key.Name);
            foreach (var series in group)
            {
                series.Render(text);
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

    // Every request records here, so the series is found by its tag values; the label text is built once per series.
    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = MetricSeriesKey.Of(instrument, tags);
        if (!_series.TryGetValue(key, out var series))
        {
            var labels = Labels(tags);
            series = _series.GetOrAdd(key, _byLabels.GetOrAdd(
                (instrument.Name, labels), static (id, isHistogram) => new MetricSeries(id.Name, id.Labels, isHistogram), instrument is Histogram<double>));
        }

        series.Observe(value);
    }

    private void Header(StringBuilder text, string name)
    {
        var (type, help) = _metadata[name];
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
    }
}
