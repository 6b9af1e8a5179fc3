using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>Values as Helm sees them: YAML read with core-schema scalar types, merged over the chart defaults, written back by toYaml.</summary>
internal static partial class HelmValues
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static Dictionary<string, object?> Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? [] : ToObject(stream.Documents[0].RootNode) as Dictionary<string, object?> ?? [];
    }

    /// <summary>Overrides win key by key; a null override removes the default, as `--set key=null` does.</summary>
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> defaults, Dictionary<string, object?> overrides)
    {
        var merged = new Dictionary<string, object?>(defaults);
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else if (value is Dictionary<string, object?> child && merged.GetValueOrDefault(key) is Dictionary<string, object?> existing)
            {
                merged[key] = Merge(existing, child);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    /// <summary>Like Helm's toYaml: block YAML without the trailing newline.</summary>
    public static string ToYaml(object? value) => value switch
    {
        null => "null",
        IDictionary<string, object?> { Count: 0 } => "{}",
        System.Collections.IList { Count: 0 } => "[]",
        _ => Serializer.Serialize(value).TrimEnd('\n', '\r'),
    };

    private static object? ToObject(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ToObject(p.Value)),
        YamlSequenceNode list => list.Children.Select(ToObject).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new TemplateException($"unsupported YAML node {node.NodeType}"),
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when Integer().IsMatch(text) => long.Parse(text, CultureInfo.InvariantCulture),
            _ when Float().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
            _ => text,
        };
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex Float();
}
