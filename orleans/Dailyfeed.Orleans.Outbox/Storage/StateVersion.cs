using Dailyfeed.Errors;
using System.Globalization;

namespace Dailyfeed.Orleans.Outbox.Storage;

/// <summary>
/// ETags as the providers issue them: a version number that starts at 1 and grows by one per write. Shared so every
/// provider words a conflict the same way.
/// </summary>
public static class StateVersion
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long ParseOrThrow(string etag, string stateName, GrainId grainId) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"State '{stateName}' of {grainId}: '{etag}' is not an ETag this store issued.");

    public static InconsistentStateException Conflict(string stateName, GrainId grainId, string? expectedEtag) =>
        new($"State '{stateName}' of {grainId} changed underneath this activation (expected version {expectedEtag ?? "none"}).");
}
