using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace Dailyfeed.Streams.Tests;

/// <summary>The broker stopped under the public API: users keep writing; their activity log fills in once it is back.</summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageApiTests(PrivateBroker broker) : IAsyncLifetime
{
    private const int Posts = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private StreamCluster _cluster = null!;
    private StreamGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StreamCluster.DeployAsync(broker);
        _gateway = new StreamGateway(_cluster);
    }

    public async Task DisposeAsync()
    {
        await broker.StartAppAsync();
        await _gateway.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task With_RabbitMQ_stopped_writes_through_the_gateway_keep_succeeding_and_their_activities_arrive_after()
    {
        using var http = _gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var email = $"broker-{Guid.NewGuid():N}@example.com";
        var signup = await http.PostAsJsonAsync("/api/authentication/signup",
            new { email, password = "Str0ng!Pass", memberName = "Broker Test", handle = $"b_{Guid.NewGuid():N}"[..14], displayName = "B" });
        signup.StatusCode.ShouldBe(HttpStatusCode.Created, await signup.Content.ReadAsStringAsync());
        var login = await http.PostAsJsonAsync("/api/authentication/login", new { email, password = "Str0ng!Pass" });
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(login.Headers.GetValues("Authorization").Single());

        await broker.StopAppAsync();
        for (var i = 0; i < Posts; i++)
        {
            var created = await http.PostAsJsonAsync("/api/posts", new { content = $"written while the broker is down {i}" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, "a broker outage never fails a write");
        }

        var waiting = await _cluster.SiloService<IStreamOutboxStore>().CountAsync(CancellationToken.None)
                      + (await _cluster.SiloService<IDeadLetterStore>().ListAsync(DeadLetterKind.Publisher, false, 10_000, CancellationToken.None)).Count;
        waiting.ShouldBeGreaterThanOrEqualTo(Posts, "each acknowledged post's event waits in the outbox or publisher dead letters");

        await broker.StartAppAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await _cluster.Grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key).ReplayAsync(DeadLetterKind.Publisher, 1000);
            return await PostActivitiesAsync(http) == Posts;
        }, Patience, "the posts' activities never reached the member's activity log");
    }

    private static async Task<int> PostActivitiesAsync(HttpClient http)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync("/api/member-activities?size=100"));
        return page.RootElement.GetProperty("data").GetProperty("content").EnumerateArray()
            .Count(a => a.GetProperty("memberActivityType").GetString() == "POST_CREATE");
    }
}
