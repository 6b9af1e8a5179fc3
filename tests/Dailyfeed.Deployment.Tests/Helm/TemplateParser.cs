using System.Globalization;

namespace Dailyfeed.Deployment.Tests.Helm;

/// <summary>
/// Parses Go text/template source (the subset Helm charts use) into nodes, collecting `define` blocks.
/// Helm itself does not install here, so the deployment tests render the chart with this.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string _name;
    private readonly List<Segment> _segments;
    private int _next;

    private TemplateParser(string name, string source)
    {
        _name = name;
        _segments = Split(source);
    }

    public static IReadOnlyList<TemplateNode> Parse(string name, string source, IDictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var parser = new TemplateParser(name, source);
        var (nodes, terminator) = parser.ParseUntilTerminator(defines);
        if (terminator is not null)
        {
            throw parser.Error($"unexpected {{{{{terminator}}}}}");
        }

        return nodes;
    }

    private (List<TemplateNode> Nodes, string? Terminator) ParseUntilTerminator(IDictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var nodes = new List<TemplateNode>();
        while (_next < _segments.Count)
        {
            var segment = _segments[_next++];
            if (!segment.IsAction)
            {
                if (segment.Text.Length > 0)
                {
                    nodes.Add(new TextNode(segment.Text));
                }

                continue;
            }

            var tokens = ActionTokenizer.Tokenize(segment.Text, Error);
            if (tokens.Count == 0)
            {
                continue; // a comment
            }

            var keyword = tokens[0].Kind == TokenKind.Identifier ? tokens[0].Text : null;
            switch (keyword)
            {
                case "end":
                    return (nodes, "end");
                case "else":
                    return (nodes, segment.Text.Trim());
                case "if":
                    nodes.Add(ParseIf(tokens, defines));
                    break;
                case "with":
                    var (withBody, withElse) = ParseBlockWithElse(defines);
                    nodes.Add(new WithNode(ParsePipeline(tokens, 1), withBody, withElse));
                    break;
                case "range":
                    var (rangeBody, rangeElse) = ParseBlockWithElse(defines);
                    nodes.Add(new RangeNode(ParsePipeline(tokens, 1), rangeBody, rangeElse));
                    break;
                case "define":
                    var defineName = tokens.Count > 1 && tokens[1].Kind == TokenKind.String ? tokens[1].Text : throw Error("define needs a name");
                    var (body, terminator) = ParseUntilTerminator(defines);
                    if (terminator != "end")
                    {
                        throw Error($"define \"{defineName}\" is not closed by {{{{end}}}}");
                    }

                    defines[defineName] = body;
                    break;
                case "template" or "block":
                    throw Error($"'{keyword}' is not supported: use include");
                default:
                    nodes.Add(new ActionNode(ParsePipeline(tokens, 0)));
                    break;
            }
        }

        return (nodes, null);
    }

    private IfNode ParseIf(List<Token> tokens, IDictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var branches = new List<ConditionalBranch>();
        var condition = ParsePipeline(tokens, 1);
        while (true)
        {
            var (body, terminator) = ParseUntilTerminator(defines);
            branches.Add(new ConditionalBranch(condition, body));
            switch (terminator)
            {
                case "end":
                    return new IfNode(branches, []);
                case "else":
                    var (elseBody, elseTerminator) = ParseUntilTerminator(defines);
                    return elseTerminator == "end" ? new IfNode(branches, elseBody) : throw Error("else is not closed by {{end}}");
                case { } elseIf when elseIf.StartsWith("else", StringComparison.Ordinal):
                    var elseIfTokens = ActionTokenizer.Tokenize(elseIf, Error);
                    if (elseIfTokens.Count < 3 || elseIfTokens[1].Text != "if")
                    {
                        throw Error($"unsupported '{elseIf}'");
                    }

                    condition = ParsePipeline(elseIfTokens, 2);
                    break;
                default:
                    throw Error("if is not closed by {{end}}");
            }
        }
    }

    private (List<TemplateNode> Body, List<TemplateNode> Else) ParseBlockWithElse(IDictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var (body, terminator) = ParseUntilTerminator(defines);
        if (terminator == "end")
        {
            return (body, []);
        }

        if (terminator != "else")
        {
            throw Error($"block is not closed by {{{{end}}}} (found {terminator ?? "end of file"})");
        }

        var (elseBody, elseTerminator) = ParseUntilTerminator(defines);
        return elseTerminator == "end" ? (body, elseBody) : throw Error("else is not closed by {{end}}");
    }

    private Pipeline ParsePipeline(List<Token> tokens, int start)
    {
        var position = start;
        var pipeline = ReadPipeline(tokens, ref position);
        return position == tokens.Count ? pipeline : throw Error($"unexpected '{tokens[position].Text}'");
    }

    private Pipeline ReadPipeline(List<Token> tokens, ref int position)
    {
        var variables = new List<string>();
        var declares = false;
        var lookahead = position;
        while (lookahead < tokens.Count && tokens[lookahead].Kind == TokenKind.Variable && !tokens[lookahead].Text.Contains('.'))
        {
            variables.Add(tokens[lookahead].Text);
            lookahead++;
            if (lookahead < tokens.Count && tokens[lookahead].Kind == TokenKind.Comma)
            {
                lookahead++;
                continue;
            }

            break;
        }

        if (lookahead < tokens.Count && tokens[lookahead].Kind is TokenKind.Declare or TokenKind.Assign)
        {
            declares = tokens[lookahead].Kind == TokenKind.Declare;
            position = lookahead + 1;
        }
        else
        {
            variables.Clear();
        }

        var commands = new List<Command>();
        var operands = new List<Operand>();
        while (position < tokens.Count && tokens[position].Kind != TokenKind.RightParen)
        {
            var token = tokens[position++];
            switch (token.Kind)
            {
                case TokenKind.Pipe:
                    commands.Add(operands.Count > 0 ? new Command(operands) : throw Error("empty pipeline stage"));
                    operands = [];
                    break;
                case TokenKind.LeftParen:
                    var nested = ReadPipeline(tokens, ref position);
                    if (position >= tokens.Count || tokens[position].Kind != TokenKind.RightParen)
                    {
                        throw Error("unclosed (");
                    }

                    position++;
                    var path = position < tokens.Count && tokens[position].Kind == TokenKind.Field && tokens[position].Attached
                        ? FieldPath(tokens[position++].Text)
                        : [];
                    operands.Add(new NestedOperand(nested, path));
                    break;
                default:
                    operands.Add(Operand(token));
                    break;
            }
        }

        if (operands.Count > 0)
        {
            commands.Add(new Command(operands));
        }

        return commands.Count > 0 ? new Pipeline(variables, declares, commands) : throw Error("missing value in action");
    }

    private Operand Operand(Token token) => token.Kind switch
    {
        TokenKind.String => new LiteralOperand(token.Text),
        TokenKind.Number => new LiteralOperand(token.Text.Contains('.')
            ? double.Parse(token.Text, CultureInfo.InvariantCulture)
            : long.Parse(token.Text, CultureInfo.InvariantCulture)),
        TokenKind.Identifier when token.Text is "true" or "false" => new LiteralOperand(token.Text == "true"),
        TokenKind.Identifier when token.Text == "nil" => new LiteralOperand(null),
        TokenKind.Identifier => new FunctionOperand(token.Text),
        TokenKind.Field => new FieldOperand(null, FieldPath(token.Text)),
        TokenKind.Variable => VariableOperand(token.Text),
        _ => throw Error($"unexpected '{token.Text}'"),
    };

    private static FieldOperand VariableOperand(string text)
    {
        var dot = text.IndexOf('.');
        return dot < 0 ? new FieldOperand(text, []) : new FieldOperand(text[..dot], FieldPath(text[dot..]));
    }

    private static string[] FieldPath(string text) => text.Split('.', StringSplitOptions.RemoveEmptyEntries);

    private TemplateException Error(string message) =>
        new($"{_name}: action {_next} of {_segments.Count}: {message}");

    private sealed record Segment(bool IsAction, string Text);

    /// <summary>Cuts source into text and `{{ }}` actions, applying the `{{-` and `-}}` whitespace trims.</summary>
    private static List<Segment> Split(string source)
    {
        var segments = new List<Segment>();
        var trimNextText = false;
        var position = 0;
        while (position < source.Length)
        {
            var open = source.IndexOf("{{", position, StringComparison.Ordinal);
            var chunk = open < 0 ? source[position..] : source[position..open];
            segments.Add(new Segment(false, trimNextText ? chunk.TrimStart() : chunk));
            if (open < 0)
            {
                break;
            }

            var close = ActionTokenizer.FindClose(source, open + 2);
            var inner = source[(open + 2)..close];
            if (inner.StartsWith("- ", StringComparison.Ordinal) || inner == "-")
            {
                segments[^1] = segments[^1] with { Text = segments[^1].Text.TrimEnd() };
                inner = inner[1..];
            }

            trimNextText = inner.EndsWith(" -", StringComparison.Ordinal);
            if (trimNextText)
            {
                inner = inner[..^1];
            }

            segments.Add(new Segment(true, inner));
            position = close + 2;
        }

        return segments;
    }
}
