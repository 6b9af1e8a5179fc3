namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>Names shared by the producers (the outbox relay) and consumers (grains) of Dailyfeed's Orleans streams.</summary>
public static class DailyfeedStreams
{
    /// <summary>
    /// The Orleans stream provider every Dailyfeed stream is published on: RabbitMQ in the cluster, memory streams in
    /// the embedded default. A stream's namespace is <see cref="StreamEvent.Stream"/>, its key <see cref="StreamEvent.Key"/>.
    /// </summary>
    public const string ProviderName = "dailyfeed";

    /// <summary>Where a silo reads the RabbitMQ provider's options (the interim transport's section, kept for deployments).</summary>
    public const string RabbitMqSection = "Dailyfeed:RabbitMq";
}
