using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Streams;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Tests.Sqlite;

/// <summary>
/// The embedded listener_dead_letters records delivery attempts too, also in a file created before the column existed:
/// the first store adds the column and a second store on the same file finds it there.
/// </summary>
public sealed class SqliteDeadLetterAttemptsTests : IDisposable
{
    private const int DeliveryAttempts = 5;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dailyfeed-attempts-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_from_before_the_attempts_column_gets_it_once_and_stores_each_rows_attempts()
    {
        await CreateShippedListenerTableAsync();
        var parked = SampleEvents.Activity("listener-attempts-1");

        using (var first = Open())
        {
            await new SqliteDeadLetterStore(first, TimeProvider.System).AddAsync(DeadLetterKind.Listener, parked, "consumer threw", DeliveryAttempts, default);
        }

        using var second = Open();
        var rows = await new SqliteDeadLetterStore(second, TimeProvider.System).ListAsync(DeadLetterKind.Listener, includeCompleted: true, 10, default);
        rows.Single(r => r.Event.MessageKey == "old-row").Attempts.ShouldBe(0, "rows from before the column read as no recorded attempts");
        rows.Single(r => r.Event.MessageKey == parked.MessageKey).Attempts.ShouldBe(DeliveryAttempts);
    }

    private SqliteClusterDatabase Open() => new(Options.Create(new SqliteClusterOptions { DataSource = _path }));

    /// <summary>The table as the first version of the schema created it, with one row.</summary>
    private async Task CreateShippedListenerTableAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE listener_dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, error TEXT NOT NULL,
                is_completed INTEGER NOT NULL DEFAULT 0, is_editing INTEGER NOT NULL DEFAULT 0, category TEXT NOT NULL,
                message_key TEXT NOT NULL, replay_attempts INTEGER NOT NULL DEFAULT 0, claimed_at INTEGER NULL,
                created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
            INSERT INTO listener_dead_letters (payload, error, category, message_key, created_at, updated_at) VALUES ($payload, 'old', 'ACTIVITY', 'old-row', 0, 0);
            """;
        create.Parameters.AddWithValue("$payload", StreamEventSerializer.Serialize(SampleEvents.Activity("old-row")));
        await create.ExecuteNonQueryAsync();
    }
}
