using Dailyfeed.Runtime.Placement;
using Shouldly;

namespace Dailyfeed.Runtime.Tests.Placement;

public sealed class StableHashTests
{
    private static readonly GrainId Post = new("Dailyfeed.Grains.Abstractions.Posts.IPostGrain", "4737");

    [Fact]
    public void A_reference_hashing_from_its_type_prefix_lands_where_the_silo_hashing_the_whole_id_does()
    {
        StableHash.Of(StableHash.TypePrefix(Post.Type), Post.Key).ShouldBe(StableHash.Of(Post));
    }

    [Fact]
    public void The_hash_is_the_same_in_every_process_so_silos_of_different_builds_agree_on_owners()
    {
        StableHash.Of(Post).ShouldBe(PinnedHashOfPost);
    }

    // FNV-1a over "type/key" (UTF-16 code units), then the MurmurHash3 finalizer, computed independently.
    private const ulong PinnedHashOfPost = 7877539501096753063;
}
