using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Sqlite.Hosting;

namespace Dailyfeed.Runtime.Sqlite.Membership;

/// <summary>Membership leases in the embedded file; one machine, so the local clock judges lease age.</summary>
public sealed class SqliteMembershipTable(SqliteClusterDatabase database, TimeProvider clock) : IMembershipTable
{
    private const char PoolSeparator = ',';

    public Task JoinAsync(SiloEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO silo_membership (silo_id, address, pools, status, started_at, last_heartbeat) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (silo_id) DO UPDATE SET address = excluded.address, pools = excluded.pools, status = excluded.status,
                started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat
            """,
            cancellationToken,
            entry.SiloId, entry.Address, string.Join(PoolSeparator, entry.Pools), entry.Status.ToString(), entry.StartedAt.ToUnixMs(), Now());

    public async Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE silo_membership SET last_heartbeat = $2 WHERE silo_id = $1", cancellationToken, siloId, Now()).ConfigureAwait(false) == 1;

    public Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE silo_membership SET status = $2 WHERE silo_id = $1", cancellationToken, siloId, status.ToString());

    public Task LeaveAsync(string siloId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM silo_membership WHERE silo_id = $1", cancellationToken, siloId);

    public async Task<IReadOnlyList<SiloEntry>> ReadLiveAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT silo_id, address, pools, status, started_at, last_heartbeat FROM silo_membership WHERE last_heartbeat > $1",
            Now() - (long)lease.TotalMilliseconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SiloEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2).Split(PoolSeparator, StringSplitOptions.RemoveEmptyEntries),
                Enum.Parse<SiloStatus>(reader.GetString(3)),
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(4)),
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(5))));
        }

        return rows;
    }

    public Task<int> DeleteExpiredAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM silo_membership WHERE last_heartbeat <= $1", cancellationToken, Now() - (long)olderThan.TotalMilliseconds);

    private long Now() => clock.GetUtcNow().ToUnixMs();

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
