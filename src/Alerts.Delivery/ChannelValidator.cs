using Alerts.Core.Model;
using Alerts.Delivery.Email;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.ServiceBus;
using Alerts.Delivery.Webhooks;

namespace Alerts.Delivery;

/// <summary>One problem with a channel, named by the field it concerns (camelCase, as the API spells it).</summary>
public sealed record ChannelError(string Field, string Message);

/// <summary>
/// Checks a channel before it is saved (import command, management API). Static checks only: DNS is judged again at
/// send time. Messages never echo the target or the secret.
/// </summary>
public sealed class ChannelValidator(EndpointPolicy policy)
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<ChannelError> Validate(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var errors = new List<ChannelError>();
        if (string.IsNullOrWhiteSpace(channel.Name) || channel.Name.Length > MaxNameLength)
        {
            errors.Add(new("name", $"must be 1 to {MaxNameLength} characters"));
        }

        if (channel.Headers is { Count: > 0 } && channel.Kind != ChannelKind.Webhook)
        {
            errors.Add(new("headers", "are only sent by generic webhooks"));
        }

        switch (channel.Kind)
        {
            case ChannelKind.Email:
                if (!EmailAddress.IsValid(channel.Target))
                {
                    errors.Add(new("target", EmailAddress.FormatDescription));
                }

                break;
            case ChannelKind.Webhook:
                ValidateUrl(channel.Target, errors);
                if (WebhookSecret.ParseList(channel.Secret) is null)
                {
                    errors.Add(new("secret", WebhookSecret.FormatDescription));
                }

                errors.AddRange(WebhookHeaders.Problems(channel.Headers).Select(p => new ChannelError("headers", p)));
                break;
            case ChannelKind.Slack or ChannelKind.Teams or ChannelKind.Discord:
                ValidateUrl(channel.Target, errors);
                break;
            case ChannelKind.ServiceBus:
                if (!ServiceBusTarget.TryParse(channel.Target, out _))
                {
                    errors.Add(new("target", ServiceBusTarget.FormatDescription));
                }

                if (channel.Secret is not null && !ServiceBusTarget.IsConnectionString(channel.Secret))
                {
                    errors.Add(new("secret", "must be a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…) or left out to use the managed identity"));
                }

                break;
            default:
                errors.Add(new("kind", "is not a known channel kind"));
                break;
        }

        return errors;
    }

    private void ValidateUrl(string? target, List<ChannelError> errors)
    {
        var uri = Uri.TryCreate(target, UriKind.Absolute, out var parsed) ? parsed : null;
        var check = policy.Validate(uri);
        if (!check.IsAllowed)
        {
            errors.Add(new("target", check.Reason!));
        }
    }
}
