using System.Globalization;

namespace Dailyfeed.Runtime.RabbitMQ;

/// <summary>
/// Day partitions in the spirit of the original's member-activity-yyyyMMdd Kafka topics: one quorum queue per stream
/// and UTC day, messages kept for the retention, partitions older than the retention no longer consumed.
/// </summary>
internal static class DayPartitions
{
    private const string DayFormat = "yyyyMMdd";

    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Queue(string prefix, string stream, string day) => $"{prefix}{stream}-{day}";

    public static string RoutingKey(string stream, string day) => $"{stream}.{day}";

    /// <summary>Today and the days before it that are still within the retention, newest last.</summary>
    public static IEnumerable<string> Live(DateTimeOffset now, TimeSpan retention)
    {
        var days = (int)Math.Ceiling(retention.TotalDays);
        return Enumerable.Range(0, days + 1).Reverse().Select(back => Day(now.AddDays(-back)));
    }
}
