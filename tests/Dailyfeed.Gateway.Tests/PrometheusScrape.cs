using System.Globalization;
using System.Text.RegularExpressions;

namespace Dailyfeed.Gateway.Tests;

/// <summary>One sample of a scrape: series name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A GET /metrics answer in the Prometheus text format, read by series and labels so tests do not depend on the order
/// an exporter writes labels in, or on labels they do not care about.
/// </summary>
public sealed partial class PrometheusScrape(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
{
    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>();
        foreach (var line in text.Split('\n'))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                types[type.Groups["name"].Value] = type.Groups["type"].Value;
            }
            else if (SampleLine().Match(line) is { Success: true } sample)
            {
                var labels = LabelPair().Matches(sample.Groups["labels"].Value)
                    .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
                samples.Add(new PrometheusSample(sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new PrometheusScrape(samples, types);
    }

    /// <summary>The metric family's declared type (counter, gauge, histogram), or null when it is not exported.</summary>
    public string? TypeOf(string family) => types.GetValueOrDefault(family);

    public IEnumerable<PrometheusSample> Series(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value));

    /// <summary>The sum over every series of <paramref name="name"/> with these labels (whatever their other labels), 0 when none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => Series(name, labels).Sum(s => s.Value);

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
