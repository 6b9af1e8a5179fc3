using Dailyfeed.Errors;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Npgsql;
using NpgsqlTypes;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Storage;

/// <summary>
/// Grain state as JSONB rows. Every write is one conditional statement on the version column, so the database itself
/// decides which of two racing activations wins; the loser gets <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgreSqlGrainStorage(PostgreSqlClusterDatabase database) : IGrainStorage
{
    private readonly string _table = $"{database.Schema}.grain_state";

    public async Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT payload::text, version FROM {_table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3",
            connection);
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredState(System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)), StateVersion.Format(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(
        string stateName, GrainId grainId, byte[] payload, string? expectedEtag, IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = outbox.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        var sql = expectedEtag is null
            ? $"INSERT INTO {_table} (grain_type, grain_key, state_name, payload, version) VALUES ($1, $2, $3, $4::jsonb, 1) ON CONFLICT DO NOTHING RETURNING version"
            : $"UPDATE {_table} SET payload = $4::jsonb, version = version + 1, updated_at = now() WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 RETURNING version";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddKey(command, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetString(payload), NpgsqlDbType = NpgsqlDbType.Text });
        if (expectedEtag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = StateVersion.ParseOrThrow(expectedEtag, stateName, grainId) });
        }

        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long written)
        {
            throw StateVersion.Conflict(stateName, grainId, expectedEtag);
        }

        if (transaction is not null)
        {
            // The state and its events commit together: an acknowledged write is never without its events.
            await PostgreSqlOutboxStore.AppendAsync(connection, transaction, database.Schema, outbox, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return StateVersion.Format(written);
    }

    public async Task AppendOutboxAsync(IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await PostgreSqlOutboxStore.AppendAsync(connection, null, database.Schema, outbox, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Clearing what we believe is absent: fine only if it really is absent.
            if (await ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw StateVersion.Conflict(stateName, grainId, expectedEtag);
            }

            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"DELETE FROM {_table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4",
            connection);
        AddKey(command, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter { Value = StateVersion.ParseOrThrow(expectedEtag, stateName, grainId) });
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw StateVersion.Conflict(stateName, grainId, expectedEtag);
        }
    }

    private static void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
    }
}
