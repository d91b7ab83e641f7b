using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues.Models;

namespace Alerts.Functions.Functions;

/// <summary>Decodes a queue message's JSON body (the trigger has already undone the base64 transport encoding).</summary>
internal static class QueueMessages
{
    public static T? Decode<T>(QueueMessage message, JsonTypeInfo<T> type, out string? problem)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(message.Body.ToString(), type);
            problem = value is null ? "the body is null" : null;
            return value;
        }
        catch (JsonException exception)
        {
            problem = "not a valid message: " + exception.Message;
            return null;
        }
    }
}
