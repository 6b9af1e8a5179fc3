using YamlDotNet.RepresentationModel;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>One rendered Kubernetes object, as `helm template` would print it.</summary>
public sealed record RenderedManifest(string Template, string Yaml, YamlMappingNode Root)
{
    public string Kind => Root.Children.TryGetValue("kind", out var kind) ? kind.ToString() : "";

    public string Name => ((YamlMappingNode)Root["metadata"])["name"].ToString();
}

/// <summary>
/// `helm template` for this repository's chart: loads Chart.yaml and values.yaml, merges overrides, renders every
/// template (partials `_*.tpl` only define) and parses each YAML document. Helm cannot be installed here.
/// </summary>
public static class ChartRenderer
{
    public static IReadOnlyList<RenderedManifest> Render(string chartDirectory, string? valuesOverride = null, string releaseName = "dailyfeed", string releaseNamespace = "dailyfeed")
    {
        var chart = HelmValues.Load(File.ReadAllText(Path.Combine(chartDirectory, "Chart.yaml")));
        var values = HelmValues.Load(File.ReadAllText(Path.Combine(chartDirectory, "values.yaml")));
        if (valuesOverride is not null)
        {
            values = HelmValues.Merge(values, HelmValues.Load(valuesOverride));
        }

        var defines = new Dictionary<string, IReadOnlyList<TemplateNode>>();
        var templates = Directory.GetFiles(Path.Combine(chartDirectory, "templates"))
            .Where(path => Path.GetExtension(path) is ".yaml" or ".yml" or ".tpl")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Nodes: TemplateParser.Parse(Path.GetFileName(path), File.ReadAllText(path), defines)))
            .ToList();

        var evaluator = new TemplateEvaluator(defines);
        var manifests = new List<RenderedManifest>();
        foreach (var (name, nodes) in templates.Where(t => !t.Name.StartsWith('_')))
        {
            var root = new Dictionary<string, object?>
            {
                ["Values"] = values,
                ["Chart"] = new Dictionary<string, object?> { ["Name"] = chart["name"], ["Version"] = chart["version"], ["AppVersion"] = chart["appVersion"] },
                ["Release"] = new Dictionary<string, object?> { ["Name"] = releaseName, ["Namespace"] = releaseNamespace, ["Service"] = "Helm", ["IsInstall"] = true },
                ["Template"] = new Dictionary<string, object?> { ["Name"] = $"{chart["name"]}/templates/{name}", ["BasePath"] = $"{chart["name"]}/templates" },
            };
            manifests.AddRange(Documents(name, evaluator.Render(nodes, root)));
        }

        return manifests;
    }

    private static IEnumerable<RenderedManifest> Documents(string template, string rendered)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(rendered));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new TemplateException($"{template} renders invalid YAML ({ex.Message}):\n{rendered}");
        }

        foreach (var document in stream.Documents.Where(d => d.RootNode is YamlMappingNode { Children.Count: > 0 }))
        {
            var text = new StringWriter();
            new YamlStream(document).Save(text, assignAnchors: false);
            yield return new RenderedManifest(template, text.ToString(), (YamlMappingNode)document.RootNode);
        }
    }
}
