using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Dailyfeed.Runtime.Telemetry;

/// <summary>
/// Identity of one series: the instrument and its tags as the caller passed them (names and values, in order).
/// Up to <see cref="InlineTags"/> tags are compared in place; a measurement with more carries its label text instead.
/// </summary>
internal readonly struct MetricSeriesKey : IEquatable<MetricSeriesKey>
{
    private const int InlineTags = 3;

    private readonly Instrument _instrument;
    private readonly int _count;
    private readonly KeyValuePair<string, object?> _tag0;
    private readonly KeyValuePair<string, object?> _tag1;
    private readonly KeyValuePair<string, object?> _tag2;
    private readonly string? _labels;

    private MetricSeriesKey(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _instrument = instrument;
        _count = tags.Length;
        if (tags.Length > InlineTags)
        {
            _labels = PrometheusExporter.Labels(tags);
            return;
        }

        _tag0 = tags.Length > 0 ? tags[0] : default;
        _tag1 = tags.Length > 1 ? tags[1] : default;
        _tag2 = tags.Length > 2 ? tags[2] : default;
    }

    public static MetricSeriesKey Of(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) => new(instrument, tags);

    public bool Equals(MetricSeriesKey other) =>
        ReferenceEquals(_instrument, other._instrument) && _count == other._count && _labels == other._labels &&
        Same(_tag0, other._tag0) && Same(_tag1, other._tag1) && Same(_tag2, other._tag2);

    public override bool Equals(object? obj) => obj is MetricSeriesKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(_instrument, _count, _labels, _tag0.Value, _tag1.Value, _tag2.Value);

    private static bool Same(KeyValuePair<string, object?> a, KeyValuePair<string, object?> b) =>
        string.Equals(a.Key, b.Key, StringComparison.Ordinal) && Equals(a.Value, b.Value);
}

/// <summary>One counter or fixed-bucket histogram with its rendered labels; updates are lock-free.</summary>
internal sealed class MetricSeries(string name, string labels, bool isHistogram)
{
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // Per-bucket (not cumulative) counts; the last slot holds values above the largest bound.
    private readonly long[] _counts = isHistogram ? new long[Buckets.Length + 1] : [];
    private double _sum;

    public string Name { get; } = name;

    public bool IsHistogram { get; } = isHistogram;

    public void Observe(double value)
    {
        if (IsHistogram)
        {
            var bucket = 0;
            while (bucket < Buckets.Length && value > Buckets[bucket])
            {
                bucket++;
            }

            Interlocked.Increment(ref _counts[bucket]);
        }

        double current, next;
        do
        {
            current = Volatile.Read(ref _sum);
            next = current + value;
        }
        while (Interlocked.CompareExchange(ref _sum, next, current) != current);
    }

    public void Render(StringBuilder text)
    {
        var sum = Volatile.Read(ref _sum);
        if (!IsHistogram)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name}{labels} {sum}\n");
            return;
        }

        var inner = labels.Length == 0 ? string.Empty : labels[1..^1] + ",";
        long cumulative = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{inner}le=\"{Buckets[i]}\"}} {cumulative}\n");
        }

        cumulative += Volatile.Read(ref _counts[Buckets.Length]);
        text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{inner}le=\"+Inf\"}} {cumulative}\n{Name}_sum{labels} {sum}\n{Name}_count{labels} {cumulative}\n");
    }
}
