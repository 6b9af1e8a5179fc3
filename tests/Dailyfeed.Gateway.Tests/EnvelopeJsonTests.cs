using System.Text.Json;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Posts;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>The generated envelope writers answer byte for byte what the reflection writer answers.</summary>
public sealed class EnvelopeJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 14, 5, 34, TimeSpan.FromHours(9));

    private static readonly PostView Post = new(
        4737, null, "Line one\n<b>\"quoted\"</b> & 한국어 ✓", 438, "Grace Hopper", "grace", "/api/images/a.png",
        12, 3, 1, true, Created, Created.AddTicks(7_344_291));

    [Fact]
    public void Timeline_pages_are_written_by_the_generated_writer_with_the_same_bytes_read_after_read()
    {
        PostView[] posts = [Post, Post with { Id = 1, Title = "t" }];
        var renderer = new RenderedPosts(Options.Create(new RenderedPostsOptions()));
        var rendered = new SuccessEnvelope<ScrollPage<RenderedPostView>>(200, "SUCCESS", new ScrollPage<RenderedPostView>(
            posts.Select(p => new RenderedPostView(p, renderer)).ToArray(), 0, 10, true));
        var plain = new SuccessEnvelope<ScrollPage<PostView>>(200, "SUCCESS", new ScrollPage<PostView>(posts, 0, 10, true));

        var generated = EnvelopeJson<SuccessEnvelope<ScrollPage<RenderedPostView>>>.TypeInfo;

        generated.ShouldNotBeNull("timeline pages are the most-read response");
        var expected = JsonSerializer.Serialize(plain, Web);
        JsonSerializer.Serialize(rendered, generated).ShouldBe(expected, "first read: rendered");
        JsonSerializer.Serialize(rendered, generated).ShouldBe(expected, "second read: from the rendered JSON");
        JsonSerializer.Serialize(rendered, Web).ShouldBe(expected, "the reflection writer (last-good pages) uses the renderer too");
    }

    [Fact]
    public void Comment_pages_and_errors_match_the_reflection_writer_too()
    {
        var comment = new CommentView(9, 4737, null, 0, "a reply", 438, null, null, null, 0, false, 2, Created, Created);
        var comments = new SuccessEnvelope<ScrollPage<CommentView>>(200, "SUCCESS", new ScrollPage<CommentView>([comment], 1, 20, false));
        var error = new ErrorEnvelope(404, "FAIL", "Post 7 does not exist.", "/api/timeline/posts/7", "POST_NOT_FOUND");

        JsonSerializer.Serialize(comments, EnvelopeJson<SuccessEnvelope<ScrollPage<CommentView>>>.TypeInfo!).ShouldBe(JsonSerializer.Serialize(comments, Web));
        JsonSerializer.Serialize(error, EnvelopeJson<ErrorEnvelope>.TypeInfo!).ShouldBe(JsonSerializer.Serialize(error, Web));
        EnvelopeJson<SuccessEnvelope<string>>.TypeInfo.ShouldBeNull("unlisted envelopes fall back to the reflection writer");
    }
}
