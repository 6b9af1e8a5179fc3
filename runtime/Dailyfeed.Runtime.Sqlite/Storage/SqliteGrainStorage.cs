using System.Text;
using Dailyfeed.Runtime.Sqlite.Hosting;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Sqlite.Streams;
using Dailyfeed.Runtime.Streams;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Runtime.Sqlite.Storage;

/// <summary>Grain state rows in the embedded file, with the same version-conditioned writes as PostgreSQL.</summary>
public sealed class SqliteGrainStorage(SqliteClusterDatabase database, TimeProvider clock) : IGrainStorage
{
    public async Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT payload, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3",
            grainId.Type, grainId.Key, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState(Encoding.UTF8.GetBytes(reader.GetString(0)), StateVersion.Format(reader.GetInt64(1)))
            : null;
    }

    public async Task<string> WriteAsync(
        string stateName, GrainId grainId, byte[] payload, string? expectedEtag, IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // IMMEDIATE takes the write lock up front (waiting out busy_timeout), so the transaction never has to upgrade
        // a read lock, which SQLite refuses with SQLITE_BUSY instead of waiting.
        await using var transaction = outbox.Count > 0 ? connection.BeginTransaction(deferred: false) : null;
        var now = clock.GetUtcNow().ToUnixMs();
        var json = Encoding.UTF8.GetString(payload);
        await using var command = expectedEtag is null
            ? connection.Command(
                "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING RETURNING version",
                grainId.Type, grainId.Key, stateName, json, now)
            : connection.Command(
                "UPDATE grain_state SET payload = $4, version = version + 1, updated_at = $5 WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $6 RETURNING version",
                grainId.Type, grainId.Key, stateName, json, now, StateVersion.ParseOrThrow(expectedEtag, stateName, grainId));
        command.Transaction = transaction;
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long written)
        {
            throw StateVersion.Conflict(stateName, grainId, expectedEtag);
        }

        if (transaction is not null)
        {
            await SqliteOutboxStore.AppendAsync(connection, transaction, outbox, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return StateVersion.Format(written);
    }

    public async Task AppendOutboxAsync(IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SqliteOutboxStore.AppendAsync(connection, null, outbox, clock.GetUtcNow().ToUnixMs(), cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            if (await ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw StateVersion.Conflict(stateName, grainId, expectedEtag);
            }

            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4",
            grainId.Type, grainId.Key, stateName, StateVersion.ParseOrThrow(expectedEtag, stateName, grainId));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw StateVersion.Conflict(stateName, grainId, expectedEtag);
        }
    }
}
