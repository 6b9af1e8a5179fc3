using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Placement;
using Dailyfeed.Runtime.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>
/// The path of every grain call: placement picks the owner; a local owner is invoked in-process without
/// serialization, a remote one over HTTP/2. The call timeout applies to both.
/// </summary>
internal sealed class GrainCallRouter : IGrainCallInvoker
{
    private readonly PlacementService _placement;
    private readonly ClusterMembershipService _membership;
    private readonly RemoteGrainCaller _remote;
    private readonly MessagingOptions _options;
    private readonly Catalog? _local; // the concrete type: a generic call through the interface is a slow virtual lookup
    private readonly ReadOnlyRetry _readOnlyRetry;

    public GrainCallRouter(
        PlacementService placement,
        ClusterMembershipService membership,
        RemoteGrainCaller remote,
        IOptions<MessagingOptions> options,
        IOptions<ResilienceOptions> resilience,
        IServiceProvider services)
    {
        _readOnlyRetry = new ReadOnlyRetry(resilience.Value.ReadOnlyCalls);
        _placement = placement;
        _membership = membership;
        _remote = remote;
        _options = options.Value;
        _local = services.GetService<Catalog>();
    }

    public Task<T> InvokeAsync<T>(GrainReference reference, GrainMethod method, object?[] args)
    {
        var timeout = method.Timeout ?? _options.CallTimeout;
        var silo = _placement.PickSiloOrThrow(reference);
        if (silo.IsLocal && _local is not null)
        {
            var task = _local.InvokeLocalAsync<T>(reference.GrainId, method, args);
            return task.IsCompleted ? task : WithTimeoutAsync(task, timeout, reference, method);
        }

        return InvokeRemoteAsync<T>(silo, reference, method, args, timeout);
    }

    private static async Task<T> WithTimeoutAsync<T>(Task<T> task, TimeSpan timeout, GrainReference reference, GrainMethod method)
    {
        try
        {
            return await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw TimedOut(reference, method, timeout);
        }
    }

    private static GrainCallTimeoutException TimedOut(GrainReference reference, GrainMethod method, TimeSpan timeout) =>
        new($"{method} on {reference.GrainId} did not answer within {timeout.TotalMilliseconds:0} ms.");

    private async Task<T> InvokeRemoteAsync<T>(SiloInfo silo, GrainReference reference, GrainMethod method, object?[] args, TimeSpan timeout)
    {
        // Only calls that leave the process are measured: in-process calls run at millions per second.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            if (!method.IsReadOnly)
            {
                return await InvokeRemoteCoreAsync<T>(silo, reference, method, args, timeout).ConfigureAwait(false);
            }

            // A retry asks placement again: the silo that failed may have left the view meanwhile.
            var target = silo;
            return await _readOnlyRetry.ExecuteAsync(
                async _ =>
                {
                    var attemptSilo = target ?? _placement.PickSiloOrThrow(reference);
                    target = null;
                    return await InvokeRemoteCoreAsync<T>(attemptSilo, reference, method, args, timeout).ConfigureAwait(false);
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = ex is CodedException coded ? coded.Code : "error";
            throw;
        }
        finally
        {
            var grainType = new KeyValuePair<string, object?>("grain_type", reference.Metadata.InterfaceType.Name);
            Telemetry.RuntimeMetrics.GrainCalls.Add(1, grainType, new("method", method.Method.Name), new("outcome", outcome));
            Telemetry.RuntimeMetrics.GrainCallDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, grainType);
        }
    }

    private async Task<T> InvokeRemoteCoreAsync<T>(SiloInfo silo, GrainReference reference, GrainMethod method, object?[] args, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (silo.IsLocal && _local is not null)
                {
                    return await _local.InvokeLocalAsync<T>(reference.GrainId, method, args).WaitAsync(deadline.Token).ConfigureAwait(false);
                }

                return await _remote.CallAsync<T>(silo, reference, method, args, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw TimedOut(reference, method, timeout);
            }
            catch (SiloNotReachedException ex)
            {
                _membership.Suspect(ex.Silo.SiloId);
                if (attempt >= _options.MaxRouteAttempts)
                {
                    throw new SiloUnavailableException(
                        $"{method} on {reference.GrainId} found no reachable silo after {attempt} attempts.", ex);
                }

                silo = _placement.PickSiloOrThrow(reference);
            }
        }
    }
}
