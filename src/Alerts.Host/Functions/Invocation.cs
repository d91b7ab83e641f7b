using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Functions;

/// <summary>
/// One invocation request from the Functions host: <c>POST /{FunctionName}</c> with <c>{"Data":{binding: value},"Metadata":{...}}</c>.
/// Trigger metadata (Service Bus <c>DeliveryCount</c>, <c>MessageId</c>, timer <c>RetryContext</c>) is read through
/// <see cref="InvocationPayload"/>, so every encoding the host uses is accepted.
/// </summary>
public sealed class Invocation
{
    private Invocation(FunctionDefinition function, JsonObject data, JsonObject metadata, string? invocationId)
    {
        Function = function;
        Data = data;
        Metadata = metadata;
        InvocationId = invocationId;
    }

    public FunctionDefinition Function { get; }

    public JsonObject Data { get; }

    public JsonObject Metadata { get; }

    /// <summary>The host's <c>X-Azure-Functions-InvocationId</c>, for correlating logs.</summary>
    public string? InvocationId { get; }

    /// <summary>The trigger's value: <c>Data[TriggerBindingName]</c>, matched case-insensitively as a fallback.</summary>
    public JsonNode? Trigger => Data[Function.TriggerBindingName]
        ?? Data.FirstOrDefault(p => string.Equals(p.Key, Function.TriggerBindingName, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Service Bus <c>DeliveryCount</c> (1 on the first delivery); null when the host did not send it.</summary>
    public int? DeliveryCount => InvocationPayload.Integer(Meta("DeliveryCount"));

    /// <summary>Service Bus <c>MessageId</c>, unwrapped.</summary>
    public string? MessageId => InvocationPayload.Scalar(Meta("MessageId"));

    /// <summary>Timer retry context (<c>RetryCount</c> of <c>MaxRetryCount</c>) when a function-level retry policy is running.</summary>
    public (int RetryCount, int MaxRetryCount)? Retry =>
        InvocationPayload.Object(Meta("RetryContext")) is { } context
            ? (InvocationPayload.Integer(context["RetryCount"]) ?? 0, InvocationPayload.Integer(context["MaxRetryCount"]) ?? 0)
            : null;

    /// <summary>Reads the request body; null (with the reason) when it is not the host's JSON envelope.</summary>
    public static async Task<(Invocation? Invocation, string? Problem)> ReadAsync(FunctionDefinition function, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, "the invocation request is not JSON: " + exception.Message);
        }

        if (root is not JsonObject envelope)
        {
            return (null, "the invocation request must be a JSON object with Data and Metadata");
        }

        var data = InvocationPayload.Object(Property(envelope, "Data")) ?? [];
        var metadata = InvocationPayload.Object(Property(envelope, "Metadata")) ?? [];
        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        return (new Invocation(function, data, metadata, string.IsNullOrEmpty(invocationId) ? null : invocationId), null);
    }

    private JsonNode? Meta(string key) => Property(Metadata, key);

    private static JsonNode? Property(JsonObject json, string key) =>
        json[key] ?? json.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
