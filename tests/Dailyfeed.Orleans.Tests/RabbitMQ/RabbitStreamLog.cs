using System.Collections.Concurrent;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>What the consumer grains saw, per stream key: silos run in the test process, so a static log is shared.</summary>
public static class RabbitStreamLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> Delivered = new();
    private static readonly ConcurrentDictionary<string, int> PoisonAttempts = new();

    public static void RecordDelivered(string streamKey, int sequence) =>
        Delivered.GetOrAdd(streamKey, _ => new ConcurrentQueue<int>()).Enqueue(sequence);

    public static void RecordPoisonAttempt(string streamKey) => PoisonAttempts.AddOrUpdate(streamKey, 1, (_, count) => count + 1);

    public static int[] DeliveredTo(string streamKey) => Delivered.TryGetValue(streamKey, out var log) ? log.ToArray() : [];

    public static int PoisonAttemptsOn(string streamKey) => PoisonAttempts.GetValueOrDefault(streamKey);
}
