using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frontline.Features.Operations;

/// <summary>
/// Drops NUL characters from any text an API client sends, as ticket fields already drop other control
/// characters. PostgreSQL cannot store NUL in a text column and failed the whole request with a 500 (a name,
/// a description, a note); SQLite stored it and pages cut the text there.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()?.Replace("\0", "", StringComparison.Ordinal);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
