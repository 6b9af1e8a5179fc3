namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>State of <see cref="SqliteCounterGrain"/>.</summary>
[GenerateSerializer]
public sealed class SqliteCounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public List<string> Entries { get; set; } = [];
}
