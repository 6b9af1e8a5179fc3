using System.Globalization;

namespace Dailyfeed.Orleans.PostgreSql.Schema;

/// <summary>One step of the schema, read from an embedded <c>NNNN-name.sql</c> file.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Dailyfeed.Orleans.PostgreSql.Migrations.";

    /// <summary>Every step shipped in this assembly, in the order they must be applied.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } = LoadEmbeddedOrThrow();

    private static List<SchemaMigration> LoadEmbeddedOrThrow()
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource =>
            {
                var fileName = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
                var separator = fileName.IndexOf('-');
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                return new SchemaMigration(
                    int.Parse(fileName[..separator], CultureInfo.InvariantCulture),
                    fileName[(separator + 1)..],
                    reader.ReadToEnd());
            })
            .OrderBy(migration => migration.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema migrations share version {duplicate.Key}.");
        }

        return migrations;
    }
}
