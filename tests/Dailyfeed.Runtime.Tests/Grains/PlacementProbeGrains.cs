using Dailyfeed.Runtime.Hosting;

namespace Dailyfeed.Runtime.Tests.Grains;

[GrainPool(GrainPools.Read)]
public interface IReadProbeGrain : IGrainWithIntegerKey
{
    Task<string> WhereAsync();
}

[GrainPool(GrainPools.Write)]
public interface IWriteProbeGrain : IGrainWithGuidKey
{
    Task<string> WhereAsync();

    /// <summary>Asks a read-pool grain where it lives: a call made from inside a grain on another silo.</summary>
    Task<string> WhereIsReaderAsync(long readerKey);
}

public sealed class ReadProbeGrain(SiloHost silo) : Grain, IReadProbeGrain
{
    public Task<string> WhereAsync() => Task.FromResult(silo.SiloId);
}

public sealed class WriteProbeGrain(SiloHost silo) : Grain, IWriteProbeGrain
{
    public Task<string> WhereAsync() => Task.FromResult(silo.SiloId);

    public Task<string> WhereIsReaderAsync(long readerKey) => GrainFactory.GetGrain<IReadProbeGrain>(readerKey).WhereAsync();
}
