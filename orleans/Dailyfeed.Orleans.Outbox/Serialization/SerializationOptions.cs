using System.Text.Json.Serialization.Metadata;

namespace Dailyfeed.Orleans.Outbox.Serialization;

/// <summary>
/// Type metadata used for grain arguments, results and state. Register System.Text.Json source-generated contexts
/// here (first match wins) so hot DTOs skip reflection; anything else falls back to reflection metadata.
/// </summary>
public sealed class SerializationOptions
{
    public List<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];
}
