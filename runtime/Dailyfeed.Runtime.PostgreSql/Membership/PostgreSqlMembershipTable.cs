using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Npgsql;

namespace Dailyfeed.Runtime.PostgreSql.Membership;

/// <summary>
/// Membership leases in PostgreSQL. Heartbeats write the database's now() and lease age is judged by the database
/// clock too, so a silo with a skewed clock can neither keep itself alive nor declare others dead.
/// </summary>
public sealed class PostgreSqlMembershipTable(PostgreSqlClusterDatabase database) : IMembershipTable
{
    private readonly string _table = $"{database.Schema}.silo_membership";

    public async Task JoinAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            $"""
            INSERT INTO {_table} (silo_id, address, pools, status, started_at, last_heartbeat)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (silo_id) DO UPDATE SET address = EXCLUDED.address, pools = EXCLUDED.pools,
                status = EXCLUDED.status, started_at = EXCLUDED.started_at, last_heartbeat = now()
            """,
            cancellationToken,
            entry.SiloId, entry.Address, entry.Pools.ToArray(), entry.Status.ToString(), entry.StartedAt).ConfigureAwait(false);
    }

    public async Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken) =>
        await ExecuteAsync($"UPDATE {_table} SET last_heartbeat = now() WHERE silo_id = $1", cancellationToken, siloId).ConfigureAwait(false) == 1;

    public Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {_table} SET status = $2 WHERE silo_id = $1", cancellationToken, siloId, status.ToString());

    public Task LeaveAsync(string siloId, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {_table} WHERE silo_id = $1", cancellationToken, siloId);

    public async Task<IReadOnlyList<SiloEntry>> ReadLiveAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT silo_id, address, pools, status, started_at, last_heartbeat FROM {_table} WHERE last_heartbeat > now() - $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SiloEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<string[]>(2),
                Enum.Parse<SiloStatus>(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    public Task<int> DeleteExpiredAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {_table} WHERE last_heartbeat <= now() - $1", cancellationToken, olderThan);

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
