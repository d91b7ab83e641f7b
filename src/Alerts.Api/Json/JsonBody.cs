using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Json;

/// <summary>
/// Reads request bodies under the size limit and turns every JSON problem into a field-named error: malformed JSON,
/// unknown members, missing required members, wrong types.
/// </summary>
public static partial class JsonBody
{
    public sealed record Result<T>(T? Value, IResult? Problem);

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, ApiOptions options)
        where T : class
    {
        var (bytes, problem) = await ReadBytesAsync(request, options);
        if (problem is not null)
        {
            return new(null, problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return value is null ? new(null, ApiProblems.Invalid("$", "must be a JSON object")) : new(value, null);
        }
        catch (JsonException exception)
        {
            return new(null, ApiProblems.Invalid([Describe(exception)]));
        }
    }

    /// <summary>The body as a JSON object, for requests the server completes before binding (rules get their tenant and id).</summary>
    public static async Task<Result<JsonObject>> ReadObjectAsync(HttpRequest request, ApiOptions options)
    {
        var (bytes, problem) = await ReadBytesAsync(request, options);
        if (problem is not null)
        {
            return new(null, problem);
        }

        try
        {
            return JsonNode.Parse(bytes) is JsonObject node ? new(node, null) : new(null, ApiProblems.Invalid("$", "must be a JSON object"));
        }
        catch (JsonException exception)
        {
            return new(null, ApiProblems.Invalid([Describe(exception)]));
        }
    }

    /// <summary>Names the field a <see cref="JsonException"/> is about.</summary>
    public static FieldError Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            return new FieldError(Join(exception.Path, unknown.Groups[1].Value), "is not a known field");
        }

        if (MissingMember().Match(message) is { Success: true } missing)
        {
            return new FieldError(Join(exception.Path, missing.Groups[1].Value), "is required");
        }

        return new FieldError(Field(exception.Path), message);
    }

    private static async Task<(byte[] Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, ApiOptions options)
    {
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return ([], ApiProblems.TooLarge(options.MaxBodyBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes)
            {
                return ([], ApiProblems.TooLarge(options.MaxBodyBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? ([], ApiProblems.Invalid("$", "a JSON body is required")) : (buffer.ToArray(), null);
    }

    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Join(string? path, string member)
    {
        var parent = Field(path);
        // The reader's path may already end at the member itself.
        return parent == "$" ? member : parent.EndsWith(member, StringComparison.Ordinal) ? parent : parent + "." + member;
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingMember();
}
