using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Pools;

/// <summary>Checked when the silo starts: at least one pool, and only known pool names.</summary>
internal sealed class GrainPoolOptionsValidator : IValidateOptions<GrainPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainPoolOptions options)
    {
        var known = string.Join(", ", GrainPools.All);
        if (options.Pools.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                $"The silo serves no pool: set Orleans:Metadata:pools (environment Orleans__Metadata__pools) to a "
                + $"comma-separated list of {known}, or pass pools to AddGrainPools.");
        }

        var unknown = options.Pools.Where(p => !GrainPools.IsKnown(p)).ToArray();
        return unknown.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Unknown pool(s) {string.Join(", ", unknown.Select(p => $"'{p}'"))}; known pools: {known}.");
    }
}
