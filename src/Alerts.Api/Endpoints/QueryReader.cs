using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Endpoints;

/// <summary>Reads list filters from the query string, collecting a field-named error for each bad value.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public List<FieldError> Errors { get; } = [];

    public string? Text(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(text[0]))
        {
            return parsed;
        }

        Errors.Add(new FieldError(name, $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}"));
        return null;
    }

    public DateTimeOffset? Time(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        Errors.Add(new FieldError(name, "must be an ISO 8601 time such as 2026-11-29T08:00:00Z"));
        return null;
    }

    public int Limit(ApiOptions options)
    {
        if (Text("limit") is not { } text)
        {
            return options.DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= options.MaxPageSize)
        {
            return limit;
        }

        Errors.Add(new FieldError("limit", $"must be a whole number from 1 to {options.MaxPageSize}"));
        return options.DefaultPageSize;
    }
}
