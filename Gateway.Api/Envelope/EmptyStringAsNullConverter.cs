using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>
/// Reads "" as null for optional (nullable) values such as dates and ids: the original signup form sends
/// <c>birthDate: ""</c> for a date left blank, and an empty optional field means absent.
/// </summary>
public sealed class EmptyStringAsNullConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => Nullable.GetUnderlyingType(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EmptyAsNull<>).MakeGenericType(Nullable.GetUnderlyingType(typeToConvert)!))!;

    private sealed class EmptyAsNull<T> : JsonConverter<T?>
        where T : struct
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(""u8)
                ? null
                : JsonSerializer.Deserialize<T>(ref reader, options);

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is { } present)
            {
                JsonSerializer.Serialize(writer, present, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
