using System.Text.Json;
using Alerts.Core.Model;
using DeliveryRecord = Alerts.Core.Model.Delivery;

namespace Alerts.Delivery.Webhooks;

/// <summary>
/// Builds and serialises the <c>alert.fired</c> body. The bytes depend only on the alert and the delivery, so every retry
/// of a delivery sends the same body. Bodies are kept under <see cref="MaxBytes"/> by shortening detail, then headline.
/// </summary>
public static class AlertPayloadSerializer
{
    public const string EventType = "alert.fired";
    public const int SchemaVersion = 1;
    public const int MaxBytes = 20_000;
    private const string Ellipsis = "…";

    public static WebhookEnvelope Build(Alert alert, DeliveryRecord delivery)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(delivery);
        var data = new AlertData(
            SchemaVersion,
            alert.Id,
            delivery.Id,
            alert.TenantId,
            new RuleRef(alert.RuleId, alert.RuleName),
            new EventRef(alert.EventId, CamelCase(alert.EventKind.ToString()), alert.OccurredAt.ToUniversalTime()),
            new CompanyRef(alert.CompanyId, alert.CompanyName),
            alert.Headline,
            alert.Detail,
            alert.Url?.AbsoluteUri,
            [.. alert.Categories.Select(c => CamelCase(c.ToString()))],
            alert.Price is { } price ? new PriceData(alert.Symbol, price, alert.ChangePercent, alert.Currency) : null);
        return new WebhookEnvelope(EventType, alert.CreatedAt.ToUniversalTime(), data);
    }

    public static byte[] Serialize(Alert alert, DeliveryRecord delivery) => Serialize(Build(alert, delivery));

    public static byte[] Serialize(WebhookEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var bytes = Write(envelope);
        while (bytes.Length > MaxBytes)
        {
            var overflow = bytes.Length - MaxBytes;
            var data = envelope.Data;
            if (data.Detail.Length > 0)
            {
                envelope = envelope with { Data = data with { Detail = Shorten(data.Detail, overflow) } };
            }
            else if (data.Headline.Length > 0)
            {
                envelope = envelope with { Data = data with { Headline = Shorten(data.Headline, overflow) } };
            }
            else
            {
                break; // Only configuration (rule and company names) is left; those are bounded where they are saved.
            }

            bytes = Write(envelope);
        }

        return bytes;
    }

    private static byte[] Write(WebhookEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, WebhookJsonContext.Payload.WebhookEnvelope);

    /// <summary>The longest prefix (plus an ellipsis) whose JSON encoding is at least <paramref name="removeBytes"/> shorter.</summary>
    private static string Shorten(string text, int removeBytes)
    {
        var budget = EncodedBytes(text) - removeBytes;
        if (budget < EncodedBytes(Ellipsis))
        {
            return string.Empty;
        }

        var (low, high) = (0, text.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (EncodedBytes(Cut(text, middle)) <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Cut(text, low);
    }

    private static string Cut(string text, int keep)
    {
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + Ellipsis;
    }

    private static int EncodedBytes(string text) =>
        JsonEncodedText.Encode(text, WebhookJsonContext.Payload.Options.Encoder).EncodedUtf8Bytes.Length;

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
