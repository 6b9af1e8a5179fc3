using System.Net;
using Dailyfeed.Orleans.PostgreSql.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>Orleans' own ADO.NET membership table driven directly against the project's queries.</summary>
public sealed class MembershipTableTests : IAsyncLifetime
{
    private const string ClusterId = "membership-tests";
    private readonly PostgreSqlTestSchema _schema = new();
    private IMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        await PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, _schema.Name);
        _table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "dailyfeed" }),
            Options.Create(new AdoNetClusteringSiloOptions
            {
                Invariant = "Npgsql",
                ConnectionString = SchemaConnectionString.For(_schema.ConnectionString, _schema.Name),
            }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Of_writers_holding_the_same_table_version_only_one_succeeds_and_the_version_moves_on()
    {
        var read = await _table.ReadAllAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(i => Task.Run(() => _table.InsertRowAsync(Entry(port: 20_000 + i, SiloStatus.Joining), read.Version.Next()))));

        results.Count(inserted => inserted).ShouldBe(1);
        var after = await _table.ReadAllAsync();
        after.Members.Count.ShouldBe(1);
        after.Version.Version.ShouldBe(read.Version.Version + 1);
    }

    [Fact]
    public async Task An_update_from_a_stale_table_version_is_refused_and_a_fresh_one_is_stored()
    {
        var entry = Entry(port: 20_100, SiloStatus.Joining);
        (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).ShouldBeTrue();
        var stale = await _table.ReadRowAsync(entry.SiloAddress);
        entry.Status = SiloStatus.Active;
        (await UpdateFromAsync(stale, entry)).ShouldBeTrue();

        entry.Status = SiloStatus.Dead;
        (await UpdateFromAsync(stale, entry)).ShouldBeFalse();

        var row = await _table.ReadRowAsync(entry.SiloAddress);
        row.Members.ShouldHaveSingleItem().Item1.Status.ShouldBe(SiloStatus.Active);
    }

    [Fact]
    public async Task Suspicions_and_gateway_ports_round_trip_so_clients_find_active_gateways()
    {
        var suspect = Entry(port: 20_200, SiloStatus.Active);
        var accuser = Entry(port: 20_201, SiloStatus.Active);
        (await _table.InsertRowAsync(suspect, (await _table.ReadAllAsync()).Version.Next())).ShouldBeTrue();
        (await _table.InsertRowAsync(accuser, (await _table.ReadAllAsync()).Version.Next())).ShouldBeTrue();
        var accusedAt = DateTime.UtcNow;
        suspect.AddOrUpdateSuspector(accuser.SiloAddress, accusedAt, maxVotes: 2);
        (await UpdateFromAsync(await _table.ReadRowAsync(suspect.SiloAddress), suspect)).ShouldBeTrue();

        var stored = (await _table.ReadRowAsync(suspect.SiloAddress)).Members.ShouldHaveSingleItem().Item1;

        stored.SuspectTimes.ShouldHaveSingleItem().Item1.ShouldBe(accuser.SiloAddress);
        stored.ProxyPort.ShouldBe(suspect.ProxyPort);
    }

    [Fact]
    public async Task Defunct_silo_cleanup_removes_only_dead_entries_silent_since_the_cut_off()
    {
        var (longDead, recentlyDead, activeButQuiet) = await InsertDeadRecentAndQuietEntriesAsync(firstPort: 20_300);

        await _table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var remaining = (await _table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToList();
        remaining.ShouldBe([recentlyDead.SiloAddress, activeButQuiet.SiloAddress], ignoreOrder: true);
        remaining.ShouldNotContain(longDead.SiloAddress);
    }

    [Fact]
    public async Task Bulk_defunct_silo_cleanup_query_removes_the_same_entries_for_providers_without_the_per_entry_query()
    {
        var (longDead, recentlyDead, activeButQuiet) = await InsertDeadRecentAndQuietEntriesAsync(firstPort: 20_400);
        var bulkCleanup = await _schema.ScalarAsync<string>(
            "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey'");

        await _schema.ScalarAsync<object>(bulkCleanup!,
            ("DeploymentId", ClusterId), ("IAmAliveTime", DateTime.UtcNow.AddHours(-1)));

        var remaining = (await _table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToList();
        remaining.ShouldBe([recentlyDead.SiloAddress, activeButQuiet.SiloAddress], ignoreOrder: true);
        remaining.ShouldNotContain(longDead.SiloAddress);
    }

    private async Task<(MembershipEntry LongDead, MembershipEntry RecentlyDead, MembershipEntry ActiveButQuiet)> InsertDeadRecentAndQuietEntriesAsync(int firstPort)
    {
        var longDead = Entry(port: firstPort, SiloStatus.Dead, aliveAgo: TimeSpan.FromHours(2));
        var recentlyDead = Entry(port: firstPort + 2, SiloStatus.Dead, aliveAgo: TimeSpan.FromMinutes(1));
        var activeButQuiet = Entry(port: firstPort + 4, SiloStatus.Active, aliveAgo: TimeSpan.FromHours(2));
        foreach (var entry in new[] { longDead, recentlyDead, activeButQuiet })
        {
            (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).ShouldBeTrue();
        }

        return (longDead, recentlyDead, activeButQuiet);
    }

    // Orleans passes the row's etag (the table version it was read at) and that version's successor.
    private Task<bool> UpdateFromAsync(MembershipTableData read, MembershipEntry changed) =>
        _table.UpdateRowAsync(changed, read.Members.Single().Item2, read.Version.Next());

    private static MembershipEntry Entry(int port, SiloStatus status, TimeSpan aliveAgo = default)
    {
        var lastSeen = DateTime.UtcNow - aliveAgo;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation: 1),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = port + 1,
            StartTime = lastSeen,
            IAmAliveTime = lastSeen,
        };
    }
}
