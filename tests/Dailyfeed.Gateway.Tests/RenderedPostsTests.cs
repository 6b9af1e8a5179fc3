using System.Text.Json;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Posts;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>A post is written from its last rendering only while its view is unchanged.</summary>
public sealed class RenderedPostsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 22, 50, 0, TimeSpan.Zero);
    private static readonly PostView Post = new(7, null, "first words", 438, "Grace Hopper", "grace", null, 0, 0, 0, false, Created, Created);

    [Fact]
    public void A_like_an_edit_or_a_renamed_author_is_written_at_the_next_read()
    {
        var renderer = Renderer(capacity: 100);
        Write(renderer, Post).ShouldBe(Expected(Post));

        PostView[] changes =
        [
            Post with { LikeCount = 1 },
            Post with { LikeCount = 1, Content = "edited words", UpdatedAt = Created.AddMinutes(1) },
            Post with { LikeCount = 1, Content = "edited words", UpdatedAt = Created.AddMinutes(1), AuthorName = "Rear Admiral Hopper" },
        ];
        foreach (var changed in changes)
        {
            Write(renderer, changed).ShouldBe(Expected(changed));
            Write(renderer, changed).ShouldBe(Expected(changed), "and again from the rendering");
        }
    }

    [Fact]
    public void Readers_who_like_a_post_and_readers_who_do_not_each_get_their_own_flag()
    {
        var renderer = Renderer(capacity: 100);
        var liked = Post with { Liked = true, LikeCount = 1 };
        var notLiked = Post with { LikeCount = 1 };

        for (var read = 0; read < 3; read++)
        {
            Write(renderer, liked).ShouldContain("\"liked\":true");
            Write(renderer, notLiked).ShouldContain("\"liked\":false");
        }
    }

    [Fact]
    public void The_renderings_kept_stay_within_the_capacity_and_every_read_stays_right()
    {
        var renderer = Renderer(capacity: 3);
        var posts = Enumerable.Range(1, 10).Select(i => Post with { Id = i, Content = $"post {i}" }).ToArray();

        for (var read = 0; read < 3; read++)
        {
            foreach (var post in posts)
            {
                Write(renderer, post).ShouldBe(Expected(post));
                renderer.Count.ShouldBeLessThanOrEqualTo(3);
            }
        }
    }

    [Fact]
    public void A_capacity_of_zero_renders_every_read()
    {
        var renderer = Renderer(capacity: 0);

        Write(renderer, Post).ShouldBe(Expected(Post));
        Write(renderer, Post).ShouldBe(Expected(Post));
        renderer.Count.ShouldBe(0);
    }

    private static RenderedPosts Renderer(int capacity) => new(Options.Create(new RenderedPostsOptions { Capacity = capacity }));

    private static string Write(RenderedPosts renderer, PostView view) => JsonSerializer.Serialize(new RenderedPostView(view, renderer), Web);

    private static string Expected(PostView view) => JsonSerializer.Serialize(view, Web);
}
