using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Alerts.Storage.Tables;

/// <summary>
/// The JSON wire format of entities (odata=minimalmetadata): types JSON cannot carry are annotated with
/// <c>Name@odata.type</c>, as Azure.Data.Tables does; Int64 travels as a string so values above 2^53 survive.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // The default encoder sends non-ASCII text as \uXXXX, keeping bodies pure ASCII: Azurite 3.37 decodes each request-body
    // chunk separately and corrupts a multi-byte UTF-8 character split across two chunks (seen with ~30K Chinese characters).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static ReadOnlyMemory<byte> Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    public static TableEntity Read(JsonElement json)
    {
        var entity = new TableEntity(RequiredString(json, "PartitionKey"), RequiredString(json, "RowKey"));
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
            }
            else if (name == "Timestamp")
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
            }
            else if (!name.StartsWith("odata.", StringComparison.Ordinal) && property.Value.ValueKind != JsonValueKind.Null)
            {
                var type = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
                entity.SetReadValue(name, ReadValue(property.Value, type));
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case long number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                break;
            case double number:
                // Annotated so 2.0 is not read back as Int32; NaN and infinities have no JSON number form.
                if (double.IsFinite(number))
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteString(name + TypeSuffix, "Edm.Double");
                break;
            case Guid id:
                writer.WriteString(name, id.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                break;
            case DateTimeOffset moment:
                writer.WriteString(name, moment.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static object ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.String
            ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : value.GetInt64(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        null => ReadUnannotated(value),
        _ => throw new InvalidDataException($"Unknown Table Storage property type '{type}'."),
    };

    private static object ReadUnannotated(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt32(out var small) ? (object)small : value.GetDouble(),
        _ => throw new InvalidDataException($"Unexpected JSON {value.ValueKind} as a Table Storage property value."),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string RequiredString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"Entity JSON has no {name}.");
}
