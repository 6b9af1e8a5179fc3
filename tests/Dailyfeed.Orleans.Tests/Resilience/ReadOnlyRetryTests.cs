using Dailyfeed.Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Resilience;

[Alias("dailyfeed.tests.resilience.IStallingGrain")]
public interface IStallingGrain : IGrainWithIntegerKey
{
    /// <summary>Answers how many calls the grain has had, after stalling on the first ones (the key says how many).</summary>
    [ReadOnly, Alias("Read")] Task<int> ReadAsync();

    [Alias("Write")] Task<int> WriteAsync();
}

/// <summary>Stalls its first calls far past the callers' response timeout, as a call in flight on a dying silo does.</summary>
public sealed class StallingGrain : Grain, IStallingGrain
{
    public static readonly TimeSpan Stall = ReadOnlyRetryTests.ResponseTimeout * 4;

    private int _calls;

    public Task<int> ReadAsync() => AnswerAsync();

    public Task<int> WriteAsync() => AnswerAsync();

    private async Task<int> AnswerAsync()
    {
        var call = ++_calls;
        if (call <= this.GetPrimaryKeyLong())
        {
            await Task.Delay(Stall);
        }

        return call;
    }
}

/// <summary>
/// The gateway's read retry (the product's grain-call setup on client and silo) after a lost answer: a [ReadOnly]
/// call that timed out is asked again once and answered; a second timeout, or a timed-out write, reaches the caller.
/// </summary>
public sealed class ReadOnlyRetryTests : IAsyncLifetime
{
    /// <summary>Short for the test, long enough that an answered call never times out on a loaded machine.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => UseProductGrainCalls(silo.Services));
        builder.ConfigureClient(client => UseProductGrainCalls(client.Services));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_read_whose_answer_never_came_is_asked_again_and_answered()
    {
        var stalledOnce = _cluster.Client.GetGrain<IStallingGrain>(1);

        (await stalledOnce.ReadAsync()).ShouldBe(2, "the second call answered the read");
    }

    [Fact]
    public async Task A_read_that_times_out_twice_reaches_the_caller_as_a_timeout()
    {
        var stalledTwice = _cluster.Client.GetGrain<IStallingGrain>(2);

        await Should.ThrowAsync<TimeoutException>(() => stalledTwice.ReadAsync());
        (await stalledTwice.ReadAsync()).ShouldBe(3, "two calls were made, not more (reads interleave with stalled ones)");
    }

    [Fact]
    public async Task A_write_whose_answer_never_came_is_not_repeated()
    {
        var stalledOnce = _cluster.Client.GetGrain<IStallingGrain>(1);

        await Should.ThrowAsync<TimeoutException>(() => stalledOnce.WriteAsync());
        // Writes take turns: the next one waits for the stalled write to end, so it is sent after that.
        await Task.Delay(StallingGrain.Stall);
        (await stalledOnce.WriteAsync()).ShouldBe(2, "the timed-out write ran once");
    }

    private static void UseProductGrainCalls(IServiceCollection services)
    {
        services.AddDailyfeedGrainCalls();
        services.Configure<GrainCallOptions>(options => options.ResponseTimeout = ResponseTimeout);
    }
}
