using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Api.Subscribers;

/// <summary>
/// Double opt-in for email channels: a new address, a changed one, or one switched back on (after an unsubscribe, say) is
/// saved disabled and sent a confirmation link; only that link enables it, so no alert reaches an unconfirmed address.
/// </summary>
public sealed class EmailOptIn(IChannelRepository channels, SubscriberMail mail, SignedTokens tokens)
{
    public const string AwaitingConfirmation = "awaiting confirmation: follow the link sent to the address";

    /// <summary>The channel as it may be saved: an email channel that would start receiving unconfirmed waits for its link.</summary>
    public static Channel Gate(Channel channel, Channel? stored)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var confirmed = stored is { Kind: ChannelKind.Email, Enabled: true } && stored.Target == channel.Target;
        return channel.Kind == ChannelKind.Email && channel.Enabled && !confirmed
            ? channel with { Enabled = false, DisabledReason = AwaitingConfirmation }
            : channel;
    }

    public static bool IsAwaiting(Channel channel) => channel is { Kind: ChannelKind.Email, Enabled: false, DisabledReason: AwaitingConfirmation };

    /// <summary>Mails the confirmation link when the saved channel waits for one.</summary>
    public async Task AfterSaveAsync(Channel channel, CancellationToken cancellationToken)
    {
        if (IsAwaiting(channel))
        {
            await mail.SendChannelConfirmationAsync(channel.TenantId, channel.Id, channel.Target, cancellationToken);
        }
    }

    /// <summary>Enables the channel the token names if it still waits for this same address; null when the token is no good.</summary>
    public async Task<Channel?> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(SignedTokens.ConfirmChannel, token, 3) is not [var tenantId, var channelId, var address])
        {
            return null;
        }

        if (await channels.GetAsync(tenantId, channelId, cancellationToken) is not { } channel || channel.Target != address)
        {
            return null;
        }

        if (IsAwaiting(channel))
        {
            channel = channel with { Enabled = true, DisabledReason = null };
            await channels.UpsertAsync(channel, cancellationToken);
        }

        return channel;
    }
}
