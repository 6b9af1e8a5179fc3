using Dailyfeed.Orleans.Sqlite.Options;
using Dailyfeed.Orleans.Sqlite.Storage;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Sqlite.Providers;

/// <summary>
/// Reminder rows in one SQLite file, keyed by grain id and reminder name, with the grain's uniform hash
/// stored for the silos' ring range reads. Every upsert issues a fresh random ETag, so a removal holding
/// the ETag of an earlier registration never deletes a newer one.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string SelectColumns =
        "SELECT grain_id, reminder_name, start_at_utc_ticks, period_ticks, etag FROM orleans_reminder";

    private readonly SqliteDatabase database;

    public SqliteReminderTable(SqliteStorageOptions options)
    {
        database = new SqliteDatabase(options);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        database.EnsureCreatedOrThrowAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectColumns} WHERE grain_id = $grain_id;";
        command.Parameters.AddWithValue("$grain_id", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose grain hash is in (begin, end]; when begin >= end the range wraps past uint.MaxValue.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = begin < end
            ? $"{SelectColumns} WHERE grain_hash > $begin AND grain_hash <= $end;"
            : $"{SelectColumns} WHERE grain_hash > $begin OR grain_hash <= $end;";
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectColumns} WHERE grain_id = $grain_id AND reminder_name = $reminder_name;";
        command.Parameters.AddWithValue("$grain_id", grainId.ToString());
        command.Parameters.AddWithValue("$reminder_name", reminderName);
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var eTag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO orleans_reminder (grain_id, reminder_name, grain_hash, start_at_utc_ticks, period_ticks, etag)
            VALUES ($grain_id, $reminder_name, $grain_hash, $start_at_utc_ticks, $period_ticks, $etag)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                grain_hash = excluded.grain_hash,
                start_at_utc_ticks = excluded.start_at_utc_ticks,
                period_ticks = excluded.period_ticks,
                etag = excluded.etag;
            """;
        command.Parameters.AddWithValue("$grain_id", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$reminder_name", entry.ReminderName);
        command.Parameters.AddWithValue("$grain_hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$start_at_utc_ticks", ToUniversalTime(entry.StartAt).Ticks);
        command.Parameters.AddWithValue("$period_ticks", entry.Period.Ticks);
        command.Parameters.AddWithValue("$etag", eTag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return eTag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM orleans_reminder WHERE grain_id = $grain_id AND reminder_name = $reminder_name AND etag = $etag;";
        command.Parameters.AddWithValue("$grain_id", grainId.ToString());
        command.Parameters.AddWithValue("$reminder_name", reminderName);
        command.Parameters.AddWithValue("$etag", eTag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM orleans_reminder;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }

    // The reminder service hands UTC times; a local time would otherwise shift by the host's offset.
    private static DateTime ToUniversalTime(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
}
