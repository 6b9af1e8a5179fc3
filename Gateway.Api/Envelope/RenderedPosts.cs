using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dailyfeed.Grains.Abstractions.Posts;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>
/// The JSON of post views as last written. A post keeps its views until it is written, so feed reads meet the same
/// views again and again, and rendering them was about a tenth of a timeline read's CPU. An entry is reused only
/// when its view equals the one being written, so an edit, a like or a new author name is rendered afresh.
/// </summary>
public sealed class RenderedPosts(IOptions<RenderedPostsOptions> options)
{
    private readonly ConcurrentDictionary<(long PostId, bool Liked), Rendered> _rendered = new();
    private readonly int _capacity = options.Value.Capacity;
    private int _count; // kept apart: ConcurrentDictionary.Count takes every bucket lock

    /// <summary>Renderings kept now.</summary>
    internal int Count => _rendered.Count;

    internal void Write(Utf8JsonWriter writer, PostView view)
    {
        if (_capacity <= 0)
        {
            JsonSerializer.Serialize(writer, view, EnvelopeJsonContext.Default.PostView);
            return;
        }

        var key = (view.Id, view.Liked);
        if (!_rendered.TryGetValue(key, out var rendered) || !rendered.View.Equals(view))
        {
            rendered = new Rendered(view, JsonSerializer.SerializeToUtf8Bytes(view, EnvelopeJsonContext.Default.PostView));
            Store(key, rendered);
        }

        writer.WriteRawValue(rendered.Json, skipInputValidation: true);
    }

    private void Store((long PostId, bool Liked) key, Rendered rendered)
    {
        if (_rendered.TryAdd(key, rendered))
        {
            // Over capacity everything goes: cheaper than tracking recency on every read, and a page re-renders in microseconds.
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                _rendered.Clear();
                Interlocked.Exchange(ref _count, 0);
            }

            return;
        }

        _rendered[key] = rendered;
    }

    private sealed record Rendered(PostView View, byte[] Json);
}

/// <summary>A post view on its way out, written through <see cref="RenderedPosts"/>.</summary>
[JsonConverter(typeof(RenderedPostViewConverter))]
public readonly record struct RenderedPostView(PostView View, RenderedPosts Renderer);

internal sealed class RenderedPostViewConverter : JsonConverter<RenderedPostView>
{
    public override RenderedPostView Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Rendered post views are only written.");

    public override void Write(Utf8JsonWriter writer, RenderedPostView value, JsonSerializerOptions options) =>
        value.Renderer.Write(writer, value.View);
}
