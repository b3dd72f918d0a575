using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frontline.Features.Operations;

/// <summary>
/// Refuses a NUL character in any text an API client sends. PostgreSQL cannot store one in a text column and
/// failed the whole request with a 500; SQLite stored it and truncated it on display. Refusing it while the
/// JSON is read makes both a 400 that names the cause, before anything is saved.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text may not contain the NUL character (\\u0000).")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
