using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Model;

namespace Alerts.Core.Notifications;

/// <summary>
/// What one circuit breaker guards: a channel kind and its target. <see cref="Key"/> is a hash (webhook URLs are credentials) and
/// <see cref="Display"/> names the kind, the host only and a short hash, so logs can tell endpoints apart without leaking them.
/// Email has one breaker per process: every address goes through the same provider (SendGrid or the outbox folder).
/// </summary>
public sealed record BreakerEndpoint(string Key, string Display)
{
    // Channels are immutable, and a catalog snapshot hands out the same instance to every send: hashed once, not per send.
    private static readonly ConditionalWeakTable<Channel, BreakerEndpoint> Known = [];

    public static BreakerEndpoint For(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Known.GetValue(channel, Compute);
    }

    private static BreakerEndpoint Compute(Channel channel)
    {
        var target = channel.Kind == ChannelKind.Email ? string.Empty : channel.Target;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel.Kind}\n{target}")));
        var host = channel.Kind != ChannelKind.Email && Uri.TryCreate(target, UriKind.Absolute, out var uri) ? " " + uri.Host : string.Empty;
        return new BreakerEndpoint(key, $"{channel.Kind}{host} #{key[..8].ToLowerInvariant()}");
    }
}
