using System.Collections;
using System.Globalization;
using System.Text;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>Executes parsed templates with Go text/template semantics (truthiness, scoping, range order) as Helm runs them.</summary>
internal sealed class TemplateEvaluator
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> _defines;
    private readonly TemplateFunctions _functions;

    public TemplateEvaluator(IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        _defines = defines;
        _functions = new TemplateFunctions(Include);
    }

    public string Render(IReadOnlyList<TemplateNode> nodes, object? data)
    {
        var output = new StringBuilder();
        Execute(nodes, new Scope(data, new Dictionary<string, object?> { ["$"] = data }, null), output);
        return output.ToString();
    }

    private string Include(string name, object? data) =>
        _defines.TryGetValue(name, out var nodes) ? Render(nodes, data) : throw new TemplateException($"include: no template \"{name}\"");

    private void Execute(IReadOnlyList<TemplateNode> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ActionNode action:
                    var value = Evaluate(action.Pipeline, scope);
                    if (!action.Pipeline.OnlyBindsVariables)
                    {
                        output.Append(Print(value));
                    }

                    break;
                case IfNode conditional:
                    var branch = conditional.Branches.FirstOrDefault(b => IsTrue(Evaluate(b.Condition, scope)));
                    Execute(branch?.Body ?? conditional.Else, scope.Child(scope.Dot), output);
                    break;
                case WithNode with:
                    var withValue = Evaluate(with.Value, scope);
                    if (IsTrue(withValue))
                    {
                        Execute(with.Body, scope.Child(withValue), output);
                    }
                    else
                    {
                        Execute(with.Else, scope.Child(scope.Dot), output);
                    }

                    break;
                case RangeNode range:
                    ExecuteRange(range, scope, output);
                    break;
            }
        }
    }

    private void ExecuteRange(RangeNode range, Scope scope, StringBuilder output)
    {
        var source = EvaluateCommands(range.Source.Commands, scope);
        var items = source switch
        {
            null => [],
            IDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ((object?)p.Key, p.Value)).ToList(),
            string => throw new TemplateException("range over a string"),
            IEnumerable list => list.Cast<object?>().Select((v, i) => ((object?)(long)i, v)).ToList(),
            long count => Enumerable.Range(0, (int)count).Select(i => ((object?)(long)i, (object?)(long)i)).ToList(),
            _ => throw new TemplateException($"range can't iterate over {source}"),
        };
        if (items.Count == 0)
        {
            Execute(range.Else, scope.Child(scope.Dot), output);
            return;
        }

        foreach (var (key, value) in items)
        {
            var body = scope.Child(value);
            var variables = range.Source.Variables;
            if (variables.Count == 1)
            {
                body.Declare(variables[0], value);
            }
            else if (variables.Count == 2)
            {
                body.Declare(variables[0], key);
                body.Declare(variables[1], value);
            }

            Execute(range.Body, body, output);
        }
    }

    private object? Evaluate(Pipeline pipeline, Scope scope)
    {
        var value = EvaluateCommands(pipeline.Commands, scope);
        foreach (var variable in pipeline.Variables)
        {
            if (pipeline.Declares)
            {
                scope.Declare(variable, value);
            }
            else
            {
                scope.Assign(variable, value);
            }
        }

        return value;
    }

    private object? EvaluateCommands(IReadOnlyList<Command> commands, Scope scope)
    {
        object? piped = null;
        for (var i = 0; i < commands.Count; i++)
        {
            var operands = commands[i].Operands;
            if (operands[0] is FunctionOperand function)
            {
                var arguments = operands.Skip(1).Select(o => Operand(o, scope)).ToList();
                if (i > 0)
                {
                    arguments.Add(piped);
                }

                piped = _functions.Call(function.Name, arguments);
            }
            else if (operands.Count == 1 && i == 0)
            {
                piped = Operand(operands[0], scope);
            }
            else
            {
                throw new TemplateException("only a function can take arguments or a piped value");
            }
        }

        return piped;
    }

    private object? Operand(Operand operand, Scope scope) => operand switch
    {
        LiteralOperand literal => literal.Value,
        FieldOperand field => Walk(field.Variable is null ? scope.Dot : scope.Lookup(field.Variable), field.Path),
        NestedOperand nested => Walk(Evaluate(nested.Pipeline, scope), nested.Path),
        FunctionOperand function => _functions.Call(function.Name, []),
        _ => throw new TemplateException($"unknown operand {operand}"),
    };

    /// <summary>Missing map keys read as nil, as Helm renders them; a field of a non-map is an error.</summary>
    private static object? Walk(object? value, IReadOnlyList<string> path)
    {
        foreach (var name in path)
        {
            value = value switch
            {
                null => null,
                IDictionary<string, object?> map => map.TryGetValue(name, out var child) ? child : null,
                _ => throw new TemplateException($"can't read field {name} of {value}"),
            };
        }

        return value;
    }

    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    public static string Print(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new TemplateException($"printing a {value.GetType().Name} (a map or list) needs toYaml"),
    };

    private sealed class Scope(object? dot, Dictionary<string, object?> variables, Scope? parent)
    {
        public object? Dot { get; } = dot;

        public Scope Child(object? dot) => new(dot, [], this);

        public void Declare(string name, object? value) => variables[name] = value;

        public void Assign(string name, object? value)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Variables.ContainsKey(name))
                {
                    scope.Variables[name] = value;
                    return;
                }
            }

            throw new TemplateException($"undefined variable {name}");
        }

        public object? Lookup(string name)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Variables.TryGetValue(name, out var value))
                {
                    return value;
                }
            }

            throw new TemplateException($"undefined variable {name}");
        }

        private Scope? Parent => parent;

        private Dictionary<string, object?> Variables => variables;
    }
}
