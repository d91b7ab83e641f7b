using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Sources.Parsing;

/// <summary>
/// Reads a field that feeds send sometimes as a string and sometimes as a number (HKEX t1Code, SSE stockAuditNum,
/// registeResult) into a string. Writing is not needed.
/// </summary>
internal sealed class FlexibleStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"expected a string or a number, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
