using System.Text.Json;
using Azure;

namespace Alerts.Storage.Tables;

/// <summary>Turns a refused or missing response into a <see cref="TableStorageException"/> (built from status, code and the service's message only).</summary>
internal static class TableResponseErrors
{
    public static TableStorageException FromResponse(Response response, string operation)
    {
        var (code, serviceMessage) = ReadODataError(response);
        code ??= response.Headers.TryGetValue("x-ms-error-code", out var headerCode) ? headerCode : null;
        var requestId = response.Headers.RequestId;
        var message = $"Table Storage {operation} failed: {response.Status} {code ?? response.ReasonPhrase}"
            + (serviceMessage is null ? string.Empty : $": {serviceMessage}")
            + (requestId is null ? string.Empty : $" (request id {requestId})");
        return new TableStorageException(response.Status, code, requestId, message);
    }

    public static TableStorageException NoResponse(string operation, Exception cause) =>
        new(0, null, null, $"Table Storage {operation} got no response: {cause.Message}", cause);

    private static (string? Code, string? Message) ReadODataError(Response response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("odata.error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
                var message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.Object
                    && messageElement.TryGetProperty("value", out var value) ? value.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the status line is all there is.
        }

        return (null, null);
    }
}
