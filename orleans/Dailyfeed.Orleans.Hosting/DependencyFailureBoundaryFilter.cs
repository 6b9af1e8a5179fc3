using System.Data.Common;
using Microsoft.Extensions.Logging;
using global::Orleans;
using Dailyfeed.ServiceDefaults.Resilience;

namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// Lets a dependency outage leave a silo as a plain <see cref="DependencyUnavailableException"/>. The driver's own
/// exceptions (Npgsql, SQLite, Polly's open circuit) have no Orleans serializer, so one anywhere in the chain would turn
/// the caller's 503 into a serialization failure (a 500). The caller needs only "unavailable"; the cause is logged
/// here, where it happened.
/// </summary>
internal sealed class DependencyFailureBoundaryFilter(ILogger<DependencyFailureBoundaryFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke().ConfigureAwait(false);
        }
        catch (Exception failure) when (NeedsRebuilding(failure))
        {
            if (OutageIn(failure) is { } outage)
            {
                // A circuit or a pipeline already judged it (and logged the transition); Orleans may have wrapped it
                // (an activation whose state could not be read fails as an activation error).
                logger.LogDebug(failure, "{Method} failed: {Dependency} is unavailable", context.MethodName, outage.Dependency);
                throw new DependencyUnavailableException(outage.Dependency ?? "a dependency");
            }

            // A database call outside any pipeline (search, for one) failed: nothing has logged it yet.
            logger.LogWarning(failure, "{Method} failed on a database call", context.MethodName);
            throw new DependencyUnavailableException("the database");
        }
    }

    private static bool NeedsRebuilding(Exception failure) =>
        OutageIn(failure) is { } outage ? !ReferenceEquals(failure, outage) || outage.InnerException is not null : DatabaseFailureIn(failure);

    private static DependencyUnavailableException? OutageIn(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is DependencyUnavailableException outage)
            {
                return outage;
            }
        }

        return null;
    }

    private static bool DatabaseFailureIn(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is DbException)
            {
                return true;
            }
        }

        return false;
    }
}
