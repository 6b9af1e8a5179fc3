using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Dailyfeed.Bench.Social;

public sealed record PgBenchResult(int Clients, double TransactionsPerSecond, double AverageLatencyMs);

/// <summary>
/// The original's follow feed: a pull query over a posts table, run by pgbench on the same graph and posts in
/// PostgreSQL, with the index the query needs. The followings come from a subquery, which is kinder to the original
/// than its two round trips (member service, then content service).
/// </summary>
public static partial class PgBenchRunner
{
    private const string Schema = "bench_seed";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION") ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    public static async Task<bool> IsAvailableAsync()
    {
        if (!File.Exists("/usr/bin/pgbench"))
        {
            return false;
        }

        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<PgBenchResult>> RunAsync(Reed98Graph graph, LoadedNetwork network, SocialOptions options)
    {
        await LoadAsync(graph, network, options);
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, $"""
            \set m random(1, {graph.Members})
            SELECT id, author_id, content, created_at FROM {Schema}.posts
             WHERE author_id IN (SELECT followee_id FROM {Schema}.follows WHERE follower_id = :m)
             ORDER BY created_at DESC LIMIT 20;
            """);
        try
        {
            var results = new List<PgBenchResult>();
            foreach (var clients in new[] { 8, 16, 32 })
            {
                results.Add(await PgBenchAsync(script, clients, options.PgBenchDuration));
            }

            return results;
        }
        finally
        {
            File.Delete(script);
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
    }

    private static async Task LoadAsync(Reed98Graph graph, LoadedNetwork network, SocialOptions options)
    {
        await ExecuteAsync($"""
            DROP SCHEMA IF EXISTS {Schema} CASCADE;
            CREATE SCHEMA {Schema};
            CREATE TABLE {Schema}.follows (follower_id bigint NOT NULL, followee_id bigint NOT NULL, PRIMARY KEY (follower_id, followee_id));
            CREATE TABLE {Schema}.posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL, content text NOT NULL, created_at timestamptz NOT NULL);
            """);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var follows = await connection.BeginBinaryImportAsync($"COPY {Schema}.follows (follower_id, followee_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (a, b) in graph.Edges)
            {
                await follows.WriteRowAsync(default, (long)a + 1, (long)b + 1);
                await follows.WriteRowAsync(default, (long)b + 1, (long)a + 1);
            }

            await follows.CompleteAsync();
        }

        await using (var posts = await connection.BeginBinaryImportAsync($"COPY {Schema}.posts (author_id, content, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            var seed = 0;
            foreach (var (author, createdAt) in network.Posts)
            {
                await posts.WriteRowAsync(default, (long)author + 1, PostText.Of(options.PostLength, seed++), createdAt);
            }

            await posts.CompleteAsync();
        }

        await ExecuteAsync($"CREATE INDEX ON {Schema}.posts (author_id, created_at DESC); ANALYZE {Schema}.posts; ANALYZE {Schema}.follows;");
    }

    private static async Task<PgBenchResult> PgBenchAsync(string script, int clients, TimeSpan duration)
    {
        var target = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo("pgbench",
            ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
             "-f", script, "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, target.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = target.Password },
        };
        using var pgbench = Process.Start(start)!;
        var output = await pgbench.StandardOutput.ReadToEndAsync();
        var errors = await pgbench.StandardError.ReadToEndAsync();
        await pgbench.WaitForExitAsync();
        var tps = Tps().Match(output);
        var latency = Latency().Match(output);
        return tps.Success
            ? new PgBenchResult(clients, double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
                latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN)
            : throw new InvalidOperationException($"pgbench said:\n{output}\n{errors}");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex Latency();
}
