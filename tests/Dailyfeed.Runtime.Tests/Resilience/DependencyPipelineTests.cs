using System.Diagnostics;
using Dailyfeed.Runtime.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Shouldly;

namespace Dailyfeed.Runtime.Tests.Resilience;

public sealed class DependencyPipelineTests
{
    [Fact]
    public async Task A_full_bulkhead_refuses_at_once_without_counting_against_the_dependency()
    {
        var pipeline = new DependencyPipeline("slow dependency", new ResilienceProfile { MaxConcurrentCalls = 2, MaxQueuedCalls = 0, MinimumThroughput = 2 }, NullLogger.Instance);
        var release = new TaskCompletionSource();
        var hung = Enumerable.Range(0, 2).Select(_ => pipeline.ExecuteAsync(_ => release.Task, CancellationToken.None)).ToList();
        await Should.ThrowAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.CompletedTask, CancellationToken.None));

        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Should.ThrowAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.CompletedTask, CancellationToken.None));
            Stopwatch.GetElapsedTime(started).TotalMilliseconds.ShouldBeLessThan(50, "a refused call does not wait for the slow ones");
        }

        pipeline.State.ShouldBe(CircuitState.Closed, "refusals are not the dependency's failures");
        release.SetResult();
        await Task.WhenAll(hung);
        await pipeline.ExecuteAsync(_ => Task.CompletedTask, CancellationToken.None);
    }

    [Fact]
    public async Task Calls_beyond_the_rate_limit_are_refused_when_the_profile_allows_no_wait()
    {
        var pipeline = new DependencyPipeline("metered dependency", new ResilienceProfile { PermitsPerSecond = 5, PermitWait = TimeSpan.Zero }, NullLogger.Instance);
        var outcomes = new List<bool>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await pipeline.ExecuteAsync(_ => Task.CompletedTask, CancellationToken.None);
                outcomes.Add(true);
            }
            catch (DependencyUnavailableException)
            {
                outcomes.Add(false);
            }
        }

        outcomes.Count(passed => passed).ShouldBe(5);
        outcomes.Skip(5).ShouldAllBe(passed => !passed);
    }

    [Fact]
    public async Task Answers_from_the_dependency_are_not_failures_and_outages_open_the_circuit()
    {
        var pipeline = new DependencyPipeline("flaky dependency", new ResilienceProfile { MinimumThroughput = 3, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) }, NullLogger.Instance);
        for (var i = 0; i < 5; i++)
        {
            await Should.ThrowAsync<InconsistentStateException>(() => pipeline.ExecuteAsync(_ => Task.FromException(new InconsistentStateException("lost a race")), CancellationToken.None));
        }

        pipeline.State.ShouldBe(CircuitState.Closed, "a conflict is an answer, not an outage");
        for (var i = 0; i < 6; i++)
        {
            await Should.ThrowAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.FromException(new IOException("connection refused")), CancellationToken.None));
        }

        pipeline.State.ShouldBe(CircuitState.Open, "6 outages among 11 calls pass the 50% failure ratio");
    }

    [Fact]
    public async Task A_caller_that_waits_out_an_open_circuit_gets_to_probe_and_close_it()
    {
        var pipeline = new DependencyPipeline("broker", new ResilienceProfile { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(3) }, NullLogger.Instance);
        for (var i = 0; i < 2; i++)
        {
            await Should.ThrowAsync<DependencyUnavailableException>(() => pipeline.ExecuteAsync(_ => Task.FromException(new IOException("down")), CancellationToken.None));
        }

        pipeline.IsBreaking.ShouldBeTrue();
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        pipeline.IsBreaking.ShouldBeFalse("the break is over even though no call has moved the circuit to half-open yet");
        await pipeline.ExecuteAsync(_ => Task.CompletedTask, CancellationToken.None);
        pipeline.State.ShouldBe(CircuitState.Closed);
    }
}
