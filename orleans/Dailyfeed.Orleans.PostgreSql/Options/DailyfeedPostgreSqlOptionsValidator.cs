using System.Text.RegularExpressions;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.PostgreSql.Options;

/// <summary>Fails silo or client building with a clear message when the options cannot work.</summary>
public static partial class DailyfeedPostgreSqlOptionsValidator
{
    public static void ValidateOrThrow(DailyfeedPostgreSqlOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"{nameof(DailyfeedPostgreSqlOptions)}.{nameof(options.ConnectionString)} is required.");
        }

        ValidateSchemaNameOrThrow(options.Schema);
    }

    // The name goes into search_path and into DDL unquoted, so only plain identifiers are accepted.
    public static void ValidateSchemaNameOrThrow(string schema)
    {
        if (!PlainIdentifier().IsMatch(schema))
        {
            throw new OrleansConfigurationException(
                $"{nameof(DailyfeedPostgreSqlOptions)}.{nameof(DailyfeedPostgreSqlOptions.Schema)} '{schema}' must be a lower-case identifier (a-z, 0-9, _; at most 63 characters).");
        }
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")] // \z: "$" would also accept a trailing newline
    private static partial Regex PlainIdentifier();
}
