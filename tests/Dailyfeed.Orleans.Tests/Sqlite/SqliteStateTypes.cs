namespace Dailyfeed.Orleans.Tests.Sqlite
{
    /// <summary>State of <see cref="SqliteCounterGrain"/>; its JSON shape is what the renamed type below reads.</summary>
    [GenerateSerializer]
    public sealed class SqliteCounterState
    {
        [Id(0)]
        public int Value { get; set; }

        [Id(1)]
        public List<string> Entries { get; set; } = [];
    }
}

namespace Dailyfeed.Orleans.Tests.Sqlite.Renamed
{
    /// <summary>The counter state after a rename and a move to another namespace: same JSON shape, different type.</summary>
    public sealed class MovedCounterSnapshot
    {
        public int Value { get; set; }

        public List<string> Entries { get; set; } = [];
    }
}
