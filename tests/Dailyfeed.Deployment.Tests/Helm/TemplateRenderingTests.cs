using Shouldly;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>The chart tests are only as good as the renderer: these pin the Go template semantics it reproduces.</summary>
public sealed class TemplateRenderingTests
{
    private static string Render(string template, string valuesYaml = "{}")
    {
        var defines = new Dictionary<string, IReadOnlyList<TemplateNode>>();
        var nodes = TemplateParser.Parse("test", template, defines);
        return new TemplateEvaluator(defines).Render(nodes, new Dictionary<string, object?> { ["Values"] = HelmValues.Load(valuesYaml) });
    }

    [Fact]
    public void Trim_markers_remove_the_whitespace_on_their_side_only()
    {
        Render("a  {{- \"b\" }}  c").ShouldBe("ab  c");
        Render("a\n  {{ \"b\" -}}\n  c").ShouldBe("a\n  bc");
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_so_false_is_falsy_and_quoted_false_is_a_string()
    {
        Render("{{ if .Values.on }}on{{ else }}off{{ end }}", "on: false").ShouldBe("off");
        Render("{{ if .Values.on }}on{{ else }}off{{ end }}", "on: \"false\"").ShouldBe("on");
        Render("{{ .Values.n }}/{{ .Values.missing }}/{{ .Values.deep.missing }}", "n: 3").ShouldBe("3//");
    }

    [Fact]
    public void Else_if_picks_the_first_true_branch()
    {
        const string template = "{{ if eq .Values.x 1 }}one{{ else if eq .Values.x 2 }}two{{ else }}many{{ end }}";
        Render(template, "x: 1").ShouldBe("one");
        Render(template, "x: 2").ShouldBe("two");
        Render(template, "x: 7").ShouldBe("many");
    }

    [Fact]
    public void Range_walks_lists_in_order_and_maps_by_sorted_key_with_dollar_as_the_root()
    {
        Render("{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", "l: [b, a]").ShouldBe("0=b;1=a;");
        Render("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }}{{ $.Values.sep }}{{ end }}", "m: { z: 1, a: 2 }\nsep: ','").ShouldBe("a=2,z=1,");
        Render("{{ range .Values.none }}x{{ else }}empty{{ end }}").ShouldBe("empty");
    }

    [Fact]
    public void Include_with_a_dict_and_nindent_produce_indented_yaml()
    {
        const string template = "{{- define \"t\" -}}\nname: {{ .name }}\n{{- end }}\nmeta:\n  {{- include \"t\" (dict \"name\" \"x\") | nindent 2 }}\n  {{- toYaml .Values.m | nindent 2 }}";
        Render(template, "m: { k: v }").ShouldBe("\nmeta:\n  name: x\n  k: v");
    }

    [Fact]
    public void Mistakes_in_a_template_are_errors_not_silent_output()
    {
        Should.Throw<TemplateException>(() => Render("{{ nosuchfunction 1 }}"));
        Should.Throw<TemplateException>(() => Render("{{ if true }}unclosed"));
        Should.Throw<TemplateException>(() => Render("{{ required \"need x\" .Values.x }}")).Message.ShouldBe("need x");
        Should.Throw<TemplateException>(() => Render("{{ .Values.m }}", "m: { a: 1 }"));
    }
}
