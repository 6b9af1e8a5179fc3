using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Recommendations;
using Dailyfeed.Runtime;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>The new-member registry activated on both write silos at once, as happens while silos disagree on placement.</summary>
public sealed class NewMemberRegistryTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private static readonly PageRequest AllKept = new(0, 500);

    [Fact]
    public async Task A_signup_meeting_a_stale_registry_activation_succeeds_and_is_listed()
    {
        var silos = cluster.Cluster.Silos.Where(s => s.Pools.Contains(GrainPools.Write)).ToList();
        silos.Count.ShouldBe(2);
        var here = silos.Select(s => s.GetGrainActivatedHere<INewMemberRegistryGrain>(NewMemberRegistry.Key)).ToList();
        var placed = cluster.Cluster.Client.GetGrain<INewMemberRegistryGrain>(NewMemberRegistry.Key);
        foreach (var registry in here)
        {
            await registry.RecommendAsync(0, [], AllKept);
        }

        // The first silo writes, so the second's activation is stale; the placed reference shows which one signups reach.
        const long Marker = -1;
        await here[0].AddAsync(Marker);
        var placedIsCurrent = (await placed.RecommendAsync(0, [], AllKept)).Content.Contains(Marker);
        if (placedIsCurrent)
        {
            // Make the placed one stale instead: the second silo's stale activation is refused once and dropped, and
            // its fresh successor writes over the first silo's activation.
            await Should.ThrowAsync<InconsistentStateException>(() => here[1].AddAsync(Marker - 1));
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    await here[1].AddAsync(Marker - 1);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false; // the stale activation answered again before it was dropped
                }
            });
        }

        using var member = cluster.Gateway.CreateApiClient();
        var id = await member.SignupAndLoginAsync();

        await Eventually.HoldsAsync(async () => (await placed.RecommendAsync(0, [], AllKept)).Content.Contains(id));
    }
}
