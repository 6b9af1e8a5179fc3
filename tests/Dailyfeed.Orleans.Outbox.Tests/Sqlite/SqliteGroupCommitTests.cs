using Dailyfeed.Errors;
using System.Text;
using Dailyfeed.Orleans.Outbox.Sqlite.Storage;
using Shouldly;

namespace Dailyfeed.Orleans.Outbox.Tests.Sqlite;

/// <summary>Concurrent grain writes share commits; one stale write in a shared commit fails alone.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private const int Grains = 300;
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Concurrent_writes_all_land_and_a_stale_one_among_them_is_refused_alone()
    {
        var storage = new SqliteGrainStorage(_file.Database, TimeProvider.System);
        var contested = new GrainId("test/contested", "1");
        var first = await storage.WriteAsync("state", contested, Encoding.UTF8.GetBytes("{\"v\":1}"), null, [], default);
        await storage.WriteAsync("state", contested, Encoding.UTF8.GetBytes("{\"v\":2}"), first, [], default);

        var writes = Enumerable.Range(0, Grains)
            .Select(i => storage.WriteAsync("state", new GrainId("test/feed", i.ToString()), Encoding.UTF8.GetBytes($"{{\"v\":{i}}}"), null, [], default))
            .ToList();
        var stale = storage.WriteAsync("state", contested, Encoding.UTF8.GetBytes("{\"v\":3}"), first, [], default);

        await Should.ThrowAsync<InconsistentStateException>(() => stale);
        (await Task.WhenAll(writes)).ShouldAllBe(etag => etag.Length > 0);
        for (var i = 0; i < Grains; i++)
        {
            var stored = await storage.ReadAsync("state", new GrainId("test/feed", i.ToString()), default);
            Encoding.UTF8.GetString(stored!.Payload).ShouldBe($"{{\"v\":{i}}}");
        }

        Encoding.UTF8.GetString((await storage.ReadAsync("state", contested, default))!.Payload).ShouldBe("{\"v\":2}", "the stale write changed nothing");
    }
}
