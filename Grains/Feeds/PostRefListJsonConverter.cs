using System.Text.Json;
using System.Text.Json.Serialization;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Feeds;

/// <summary>
/// Stores a post-reference list as [postId, authorId, createdAtUtcTicks] triples: feeds and timelines are rewritten on
/// every push, and the triples are about a third of the object form's bytes. Reads the object form too, so state
/// written before keeps loading.
/// </summary>
public sealed class PostRefListJsonConverter : JsonConverter<List<PostRef>>
{
    public override List<PostRef> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectOrThrow(ref reader, JsonTokenType.StartArray);
        var list = new List<PostRef>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.StartArray
                ? ReadTriple(ref reader)
                : JsonSerializer.Deserialize<PostRef>(ref reader, options) ?? throw new JsonException("A post reference is null."));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<PostRef> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var post in value)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(post.PostId);
            writer.WriteNumberValue(post.AuthorId);
            writer.WriteNumberValue(post.CreatedAt.UtcTicks);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static PostRef ReadTriple(ref Utf8JsonReader reader)
    {
        var postId = NextInt64OrThrow(ref reader);
        var authorId = NextInt64OrThrow(ref reader);
        var ticks = NextInt64OrThrow(ref reader);
        reader.Read();
        ExpectOrThrow(ref reader, JsonTokenType.EndArray);
        return new PostRef(postId, authorId, new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    private static long NextInt64OrThrow(ref Utf8JsonReader reader)
    {
        reader.Read();
        ExpectOrThrow(ref reader, JsonTokenType.Number);
        return reader.GetInt64();
    }

    private static void ExpectOrThrow(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"Expected {expected} in a post-reference list, found {reader.TokenType}.");
        }
    }
}
