using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Sqlite.Hosting;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Runtime.Sqlite.Reminders;

/// <summary>Durable reminders in the embedded file; ticks are claimed by compare-and-set on last_tick_at.</summary>
public sealed class SqliteReminderTable(SqliteClusterDatabase database) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, start_at, period_ms, last_tick_at";

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"""
            INSERT INTO reminders ({Columns}) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET start_at = excluded.start_at, period_ms = excluded.period_ms, last_tick_at = excluded.last_tick_at
            """,
            entry.GrainId.Type, entry.GrainId.Key, entry.Name, entry.StartAt.ToUnixMs(), (long)entry.Period.TotalMilliseconds, entry.LastTickAt?.ToUnixMs());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3", grainId.Type, grainId.Key, name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM reminders");
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM reminders WHERE grain_type = $1 AND grain_key = $2", grainId.Type, grainId.Key);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset? expectedLastTickAt, DateTimeOffset tickAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "UPDATE reminders SET last_tick_at = $4 WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND last_tick_at IS $5",
            grainId.Type, grainId.Key, name, tickAt.ToUnixMs(), expectedLastTickAt?.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(3)),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : SqliteCommandExtensions.FromUnixMs(reader.GetInt64(5))));
        }

        return rows;
    }
}
