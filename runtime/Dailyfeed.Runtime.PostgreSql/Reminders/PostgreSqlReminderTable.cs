using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.Reminders;
using Npgsql;

namespace Dailyfeed.Runtime.PostgreSql.Reminders;

/// <summary>Durable reminders; a tick is claimed with one compare-and-set UPDATE on last_tick_at.</summary>
public sealed class PostgreSqlReminderTable(PostgreSqlClusterDatabase database) : IReminderTable
{
    private readonly string _table = $"{database.Schema}.reminders";

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_table} (grain_type, grain_key, name, start_at, period_ms, last_tick_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET start_at = EXCLUDED.start_at, period_ms = EXCLUDED.period_ms, last_tick_at = EXCLUDED.last_tick_at
            """,
            connection);
        AddKey(command, entry.GrainId, entry.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = entry.StartAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)entry.Period.TotalMilliseconds });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = entry.LastTickAt?.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DELETE FROM {_table} WHERE grain_type = $1 AND grain_key = $2 AND name = $3", connection);
        AddKey(command, grainId, name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT grain_type, grain_key, name, start_at, period_ms, last_tick_at FROM {_table}", null, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT grain_type, grain_key, name, start_at, period_ms, last_tick_at FROM {_table} WHERE grain_type = $1 AND grain_key = $2",
            grainId,
            cancellationToken);

    public async Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset? expectedLastTickAt, DateTimeOffset tickAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"UPDATE {_table} SET last_tick_at = $4 WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND last_tick_at IS NOT DISTINCT FROM $5",
            connection);
        AddKey(command, grainId, name);
        command.Parameters.Add(new NpgsqlParameter { Value = tickAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = expectedLastTickAt?.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string name)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, GrainId? grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        if (grainId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = id.Key });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }
}
