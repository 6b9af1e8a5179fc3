using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>
/// Compile-time JSON for the envelopes of the most-read pages. Serializing a 10-post timeline page by reflection
/// metadata took about a seventh of a read's CPU; generated writers skip the metadata walk. Types not listed here
/// are written by the reflection resolver, with the same web defaults.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SuccessEnvelope<ScrollPage<RenderedPostView>>))]
[JsonSerializable(typeof(SuccessEnvelope<PostView>))]
[JsonSerializable(typeof(SuccessEnvelope<ScrollPage<CommentView>>))]
[JsonSerializable(typeof(SuccessEnvelope<CommentView>))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class EnvelopeJsonContext : JsonSerializerContext;

/// <summary>
/// The generated writer of one envelope type, or null when it is not listed above. Generated writers run only with
/// the context's own options (a resolver chain would fall back to the slower metadata walk), and those options are
/// the web defaults the gateway uses everywhere else, so the JSON is the same either way.
/// </summary>
internal static class EnvelopeJson<T>
{
    public static readonly JsonTypeInfo<T>? TypeInfo = EnvelopeJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
}
