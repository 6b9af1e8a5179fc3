using System.Text.Json;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Feeds;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>Feed and timeline state is stored compactly, round-trips exactly, and state in the older form still loads.</summary>
public sealed class FeedStateFormatTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly List<PostRef> Posts =
    [
        new(4737, 438, new DateTimeOffset(2026, 11, 23, 14, 5, 34, TimeSpan.Zero).AddTicks(7344291 % TimeSpan.TicksPerSecond)),
        new(12, 7, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)),
    ];

    [Fact]
    public void Feed_entries_round_trip_exactly_in_a_third_of_the_object_form()
    {
        var json = JsonSerializer.Serialize(new FeedState { Entries = Posts }, Web);
        JsonSerializer.Deserialize<FeedState>(json, Web)!.Entries.ShouldBe(Posts);

        var objectForm = JsonSerializer.Serialize(new { entries = Posts }, Web);
        json.Length.ShouldBeLessThan(objectForm.Length / 2, $"compact {json} vs {objectForm}");
    }

    [Fact]
    public void State_written_in_the_object_form_still_loads()
    {
        var objectForm = JsonSerializer.Serialize(new { posts = Posts }, Web);
        JsonSerializer.Deserialize<AuthorPostsState>(objectForm, Web)!.Posts.ShouldBe(Posts);
    }

    [Fact]
    public void A_malformed_entry_is_an_error_not_a_silent_gap()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<FeedState>("""{"entries":[[1,2]]}""", Web));
    }
}
