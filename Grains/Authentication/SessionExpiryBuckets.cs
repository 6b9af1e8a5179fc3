namespace Dailyfeed.Grains.Authentication;

/// <summary>Time to bucket number: bucket n covers [n * width, (n + 1) * width) since the Unix epoch.</summary>
internal static class SessionExpiryBuckets
{
    public static long Of(DateTimeOffset time, TimeSpan width) => time.ToUnixTimeMilliseconds() / (long)width.TotalMilliseconds;
}
