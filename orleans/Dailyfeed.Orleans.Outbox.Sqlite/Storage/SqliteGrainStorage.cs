using System.Text;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Storage;

/// <summary>
/// Grain state rows in the embedded file, with the same version-conditioned writes as PostgreSQL. Writes go through the
/// file's group commit, so concurrent grains share commits instead of queueing threads on the file lock.
/// </summary>
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

    public Task<string> WriteAsync(
        string stateName, GrainId grainId, byte[] payload, string? expectedEtag, IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixMs();
        var json = Encoding.UTF8.GetString(payload);
        long? expectedVersion = expectedEtag is null ? null : StateVersion.ParseOrThrow(expectedEtag, stateName, grainId);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = expectedVersion is not { } version
                ? connection.Command(
                    "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING RETURNING version",
                    grainId.Type, grainId.Key, stateName, json, now)
                : connection.Command(
                    "UPDATE grain_state SET payload = $4, version = version + 1, updated_at = $5 WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $6 RETURNING version",
                    grainId.Type, grainId.Key, stateName, json, now, version);
            command.Transaction = transaction;
            if (await command.ExecuteScalarAsync().ConfigureAwait(false) is not long written)
            {
                throw StateVersion.Conflict(stateName, grainId, expectedEtag);
            }

            // The state and its events share the commit: an acknowledged write always has its events.
            await SqliteOutboxStore.AppendAsync(connection, transaction, outbox, now, CancellationToken.None).ConfigureAwait(false);
            return StateVersion.Format(written);
        }, cancellationToken);
    }

    public Task AppendOutboxAsync(IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await SqliteOutboxStore.AppendAsync(connection, transaction, outbox, clock.GetUtcNow().ToUnixMs(), CancellationToken.None).ConfigureAwait(false);
            return true;
        }, cancellationToken);

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

        var version = StateVersion.ParseOrThrow(expectedEtag, stateName, grainId);
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4",
                grainId.Type, grainId.Key, stateName, version);
            command.Transaction = transaction;
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 0 ? throw StateVersion.Conflict(stateName, grainId, expectedEtag) : true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
