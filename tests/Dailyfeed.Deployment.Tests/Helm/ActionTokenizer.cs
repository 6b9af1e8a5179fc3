using System.Text;

namespace Dailyfeed.Deployment.Tests.Helm;

internal enum TokenKind { Identifier, String, Number, Field, Variable, LeftParen, RightParen, Pipe, Declare, Assign, Comma }

/// <param name="Attached">No space before it: `(x).Field` reads a field of the parenthesised value.</param>
internal sealed record Token(TokenKind Kind, string Text, bool Attached);

/// <summary>Splits the inside of one `{{ }}` action into tokens.</summary>
internal static class ActionTokenizer
{
    /// <summary>Index of the `}}` that closes the action opened before <paramref name="start"/>, skipping quoted strings.</summary>
    public static int FindClose(string source, int start)
    {
        var quote = '\0';
        for (var i = start; i < source.Length - 1; i++)
        {
            var c = source[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '`')
            {
                quote = c;
            }
            else if (c == '/' && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? throw new TemplateException("unclosed comment") : end + 1;
            }
            else if (c == '}' && source[i + 1] == '}')
            {
                return i;
            }
        }

        throw new TemplateException("unclosed action: missing }}");
    }

    public static List<Token> Tokenize(string action, Func<string, TemplateException> error)
    {
        var tokens = new List<Token>();
        var trimmed = action.Trim();
        if (trimmed.StartsWith("/*", StringComparison.Ordinal))
        {
            return trimmed.EndsWith("*/", StringComparison.Ordinal) ? tokens : throw error("a comment must fill its action");
        }

        var i = 0;
        while (i < action.Length)
        {
            var c = action[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var attached = i > 0 && action[i - 1] == ')';
            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", attached));
                    i++;
                    break;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", attached));
                    i++;
                    break;
                case '|':
                    tokens.Add(new Token(TokenKind.Pipe, "|", attached));
                    i++;
                    break;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", attached));
                    i++;
                    break;
                case ':' when i + 1 < action.Length && action[i + 1] == '=':
                    tokens.Add(new Token(TokenKind.Declare, ":=", attached));
                    i += 2;
                    break;
                case '=':
                    tokens.Add(new Token(TokenKind.Assign, "=", attached));
                    i++;
                    break;
                case '"':
                    tokens.Add(new Token(TokenKind.String, ReadQuoted(action, ref i, error), attached));
                    break;
                case '`':
                    var close = action.IndexOf('`', i + 1);
                    tokens.Add(new Token(TokenKind.String, close < 0 ? throw error("unclosed raw string") : action[(i + 1)..close], attached));
                    i = close + 1;
                    break;
                case '.' or '$':
                    i++;
                    while (i < action.Length && (char.IsLetterOrDigit(action[i]) || action[i] is '_' or '.'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(c == '.' ? TokenKind.Field : TokenKind.Variable, action[start..i], attached));
                    break;
                case '-' or '+' when i + 1 < action.Length && char.IsDigit(action[i + 1]):
                case >= '0' and <= '9':
                    i++;
                    while (i < action.Length && (char.IsDigit(action[i]) || action[i] == '.'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Number, action[start..i], attached));
                    break;
                default:
                    if (!char.IsLetter(c) && c != '_')
                    {
                        throw error($"unexpected character '{c}'");
                    }

                    while (i < action.Length && (char.IsLetterOrDigit(action[i]) || action[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Identifier, action[start..i], attached));
                    break;
            }
        }

        return tokens;
    }

    private static string ReadQuoted(string action, ref int i, Func<string, TemplateException> error)
    {
        var text = new StringBuilder();
        for (i++; i < action.Length; i++)
        {
            var c = action[i];
            if (c == '"')
            {
                i++;
                return text.ToString();
            }

            if (c == '\\' && i + 1 < action.Length)
            {
                i++;
                text.Append(action[i] switch { 'n' => '\n', 't' => '\t', var other => other });
                continue;
            }

            text.Append(c);
        }

        throw error("unclosed string");
    }
}
