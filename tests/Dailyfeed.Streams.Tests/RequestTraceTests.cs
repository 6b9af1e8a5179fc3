using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Testing.Telemetry;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Issue #23.2: one request, one trace, every hop. A post created through the gateway yields, under the request's
/// trace id, the gateway's HTTP server span, the grain call a silo served (over the cluster's TCP connection), and
/// the activity event's delivery to its consumer, which went through the outbox and RabbitMQ (the private broker)
/// long after the request's own spans ended. Gateway and silos share this process, so one tracer sees every side.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RequestTraceTests(PrivateBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const string OrleansGrainCalls = TraceContext.OrleansGrainCallSourceName;

    /// <summary>The outbox relay's poll, the broker's confirm and the pulling agent's read on a loaded CI machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private StreamCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamCluster.DeployAsync(broker);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task One_trace_id_links_the_gateway_request_the_grain_call_on_a_silo_and_the_activity_delivered_over_RabbitMQ()
    {
        var spans = new RecordedSpans();
        await using var gateway = new StreamGateway(_cluster).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddDailyfeedTracing(tracing => tracing.AddInMemoryExporter(spans))));
        using var http = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        await SignupAndLoginAsync(http);
        var traceId = ActivityTraceId.CreateRandom();
        http.DefaultRequestHeaders.Add(TraceContext.Header, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await http.PostAsJsonAsync("/api/posts", new { content = "traced over RabbitMQ" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Each span is exported when it ends, in no fixed order: the HTTP server span may end after the delivery.
        var trace = await spans.WaitForTraceAsync(traceId, Patience, RecordedSpans.IsHttpServerSpan, IsActivityDelivery);
        output.WriteLine(string.Join('\n', trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} <- {s.ParentSpanId}")));

        trace.Where(RecordedSpans.IsHttpServerSpan).ShouldHaveSingleItem("the gateway's HTTP server span");
        var served = trace.Where(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Server).ToList();
        served.ShouldContain(s => s.DisplayName.Contains("CreateAsync"), "the post grain's call, served on a silo");
        var delivery = trace.Where(IsActivityDelivery).ShouldHaveSingleItem("one delivery of the post's activity event");
        served.Select(s => s.SpanId).ShouldContain(delivery.ParentSpanId,
            "the delivery hangs under the silo's grain call that wrote the event (its traceparent travelled in the event)");
        // The cluster's only stream provider is RabbitMQ on the private broker: the delivery came through it.
        _cluster.SiloService<IServiceProvider>().GetRequiredKeyedService<RabbitMqConnection>(DailyfeedStreams.ProviderName)
            .Describe().ShouldContain($":{broker.Port}/");
    }

    private static bool IsActivityDelivery(Activity span) =>
        span.Source.Name == TraceContext.SourceName && span.Kind == ActivityKind.Consumer
        && span.DisplayName == $"{ActivityStreams.MemberActivity} deliver";

    private static async Task SignupAndLoginAsync(HttpClient http)
    {
        var email = $"traced-{Guid.NewGuid():N}@example.com";
        var signup = await http.PostAsJsonAsync("/api/authentication/signup",
            new { email, password = "Str0ng!Pass", memberName = "Traced", handle = $"t_{Guid.NewGuid():N}"[..14] });
        signup.StatusCode.ShouldBe(HttpStatusCode.Created, await signup.Content.ReadAsStringAsync());
        var login = await http.PostAsJsonAsync("/api/authentication/login", new { email, password = "Str0ng!Pass" });
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(login.Headers.GetValues("Authorization").Single());
    }
}
