using Dailyfeed.Grains.Abstractions.Errors;

namespace Dailyfeed.Grains.Text;

/// <summary>
/// One rule for text members type, on every store: C0 control characters are refused (U+0000 included: PostgreSQL
/// cannot store it in text, SQLite can), except tab, line feed and carriage return, which writing needs.
/// </summary>
public static class UserText
{
    /// <summary>Throws a 400 naming <paramref name="field"/> when <paramref name="value"/> holds a refused control character.</summary>
    public static void RefuseControlCharactersOrThrow(string field, string? value)
    {
        if (value is not null && value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 && value.Any(IsRefused))
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"{field} must not contain control characters (tab, line feed and carriage return are allowed).");
        }
    }

    /// <summary>An optional field sent empty (as the original's forms do) is absent.</summary>
    public static string? EmptyAsAbsent(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsRefused(char c) => c < ' ' && c is not ('\t' or '\n' or '\r');
}
