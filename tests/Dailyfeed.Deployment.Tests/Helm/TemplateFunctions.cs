using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>The Go template builtins and the Sprig/Helm functions the chart uses, with Helm's argument order.</summary>
internal sealed partial class TemplateFunctions(Func<string, object?, string> include)
{
    public object? Call(string name, List<object?> args) => name switch
    {
        "include" => include(Text(Arg(args, 0, name)), args.Count > 1 ? args[1] : null),
        "toYaml" => HelmValues.ToYaml(Arg(args, 0, name)),
        "indent" => Indent(ToLong(Arg(args, 0, name)), Text(Arg(args, 1, name))),
        "nindent" => "\n" + Indent(ToLong(Arg(args, 0, name)), Text(Arg(args, 1, name))),
        "quote" => string.Join(" ", args.Where(a => a is not null).Select(a => "\"" + Escape(Text(a)) + "\"")),
        "squote" => string.Join(" ", args.Where(a => a is not null).Select(a => "'" + Text(a) + "'")),
        "default" => args.Count > 1 && TemplateEvaluator.IsTrue(args[1]) ? args[1] : Arg(args, 0, name),
        "required" => args.ElementAtOrDefault(1) is null or "" ? throw new TemplateException(Text(Arg(args, 0, name))) : args[1],
        "fail" => throw new TemplateException(Text(Arg(args, 0, name))),
        "print" => string.Concat(args.Select(TemplateEvaluator.Print)),
        "printf" => Printf(Text(Arg(args, 0, name)), args.Skip(1).ToList()),
        "toString" => TemplateEvaluator.Print(Arg(args, 0, name)),
        "int" => ToLong(Arg(args, 0, name)),
        "trunc" => Truncate(Text(Arg(args, 1, name)), (int)ToLong(Arg(args, 0, name))),
        "trimSuffix" => Text(Arg(args, 1, name)) is var s && s.EndsWith(Text(args[0]), StringComparison.Ordinal) ? s[..^Text(args[0]).Length] : s,
        "contains" => Text(Arg(args, 1, name)).Contains(Text(args[0]), StringComparison.Ordinal),
        "lower" => Text(Arg(args, 0, name)).ToLowerInvariant(),
        "replace" => Text(Arg(args, 2, name)).Replace(Text(args[0]), Text(args[1]), StringComparison.Ordinal),
        "b64enc" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Arg(args, 0, name)))),
        "sha256sum" => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(Arg(args, 0, name))))),
        "list" => args.ToList(),
        "dict" => Dict(args),
        "index" => args.Skip(1).Aggregate(Arg(args, 0, name), Index),
        "hasKey" => Arg(args, 0, name) is IDictionary<string, object?> map && map.ContainsKey(Text(Arg(args, 1, name))),
        "empty" => !TemplateEvaluator.IsTrue(Arg(args, 0, name)),
        "eq" => args.Skip(1).Any(other => Same(Arg(args, 0, name), other)),
        "ne" => !Same(Arg(args, 0, name), Arg(args, 1, name)),
        "lt" => Compare(args, name) < 0,
        "gt" => Compare(args, name) > 0,
        "not" => !TemplateEvaluator.IsTrue(Arg(args, 0, name)),
        "and" => args.FirstOrDefault(a => !TemplateEvaluator.IsTrue(a), args.LastOrDefault()),
        "or" => args.FirstOrDefault(TemplateEvaluator.IsTrue, args.LastOrDefault()),
        _ => throw new TemplateException($"function \"{name}\" not defined"),
    };

    private static object? Arg(List<object?> args, int index, string function) =>
        index < args.Count ? args[index] : throw new TemplateException($"{function}: missing argument {index + 1}");

    private static string Text(object? value) => TemplateEvaluator.Print(value);

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new TemplateException($"not a number: {value}"),
    };

    private static string Indent(long spaces, string text)
    {
        var pad = new string(' ', (int)spaces);
        return pad + text.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    private static Dictionary<string, object?> Dict(List<object?> args)
    {
        var map = new Dictionary<string, object?>();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            map[Text(args[i])] = args[i + 1];
        }

        return map;
    }

    private static object? Index(object? collection, object? key) => collection switch
    {
        IDictionary<string, object?> map => map.TryGetValue(Text(key), out var value) ? value : null,
        IList list => list[(int)ToLong(key)],
        _ => throw new TemplateException($"index of {collection}"),
    };

    private static bool Same(object? left, object? right) => (left, right) switch
    {
        (long or double, long or double) => Convert.ToDouble(left, CultureInfo.InvariantCulture) == Convert.ToDouble(right, CultureInfo.InvariantCulture),
        _ => Equals(left, right),
    };

    private static int Compare(List<object?> args, string name) =>
        Convert.ToDouble(Arg(args, 0, name), CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(Arg(args, 1, name), CultureInfo.InvariantCulture));

    /// <summary>Go's fmt verbs the chart uses: %s, %d and %v.</summary>
    private static string Printf(string format, List<object?> args)
    {
        var next = 0;
        return PrintfVerb().Replace(format, match => match.Value == "%%"
            ? "%"
            : next < args.Count ? Text(args[next++]) : throw new TemplateException($"printf \"{format}\": missing argument"));
    }

    [GeneratedRegex("%[sdv%]")]
    private static partial Regex PrintfVerb();
}
