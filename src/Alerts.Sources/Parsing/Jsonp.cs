namespace Alerts.Sources.Parsing;

/// <summary>Unwraps <c>callback({...});</c> bodies (SSE, HKEX prefix.do) to the JSON inside.</summary>
internal static class Jsonp
{
    /// <summary>
    /// Returns the text between the first opening and the last closing bracket; plain JSON passes through unchanged.
    /// Null when there is no JSON object or array at all (an HTML error page, an empty body).
    /// </summary>
    public static string? Unwrap(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = body.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return null;
        }

        var close = body[start] == '{' ? '}' : ']';
        var end = body.LastIndexOf(close);
        return end > start ? body[start..(end + 1)] : null;
    }
}
