using System.Net;
using System.Net.Http.Headers;
using Alerts.Core.Notifications;

namespace Alerts.Delivery.Http;

/// <summary>
/// What a platform answered to one POST: status, headers and the first bytes of the body with the target's secrets
/// already removed (the excerpt every attempt record keeps), plus the attempt's clock reading for Retry-After dates.
/// </summary>
public sealed record HttpAnswer(int Status, HttpResponseHeaders Headers, string? Excerpt, DateTimeOffset Now)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The shared reading (see <see cref="HttpStatusClassifier"/>): channels start from it and refine what their platform says.</summary>
    public DeliveryResult Classify() => HttpStatusClassifier.Classify((HttpStatusCode)Status, Headers, Now, Excerpt);

    /// <summary>Success, keeping what the platform answered for the attempt record.</summary>
    public DeliveryResult.Delivered Delivered() => new(Status, Excerpt is { Length: > 0 } ? Truncate(Excerpt) : null);

    public static DeliveryResult ClassifyDefault(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Classify();
    }

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>"HTTP 404: channel_not_found" style detail for the attempt record.</summary>
    public string Describe(string? what = null)
    {
        var detail = $"HTTP {Status}";
        if (what is { Length: > 0 })
        {
            detail += " " + what;
        }

        return Excerpt is { Length: > 0 } ? $"{detail}: {Truncate(Excerpt)}" : detail;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
