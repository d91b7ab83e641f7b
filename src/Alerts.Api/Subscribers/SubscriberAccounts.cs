using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Delivery.Email;
using Alerts.Storage.Repositories;

namespace Alerts.Api.Subscribers;

/// <summary>A person once their address is confirmed: their tenant and the email channel alerts go to.</summary>
public sealed record ConfirmedSubscriber(string Email, string TenantId, string ChannelId, bool JustConfirmed);

/// <summary>
/// People as subscribers: sign up with an address (a confirmation link is mailed; the address gets nothing else until it
/// is confirmed), confirm (the tenant and its email channel are created then), and sign in later with a single-use link.
/// Answers never tell a caller whether an address is registered.
/// </summary>
public sealed class SubscriberAccounts(
    ISubscriberRepository subscribers, ITenantRepository tenants, IChannelRepository channels, SubscriberMail mail, SignedTokens tokens, TimeProvider time)
{
    public const string EmailChannelId = "email";

    /// <summary>The address as stored, or null (with why) when it is not one.</summary>
    public static (string? Email, FieldError? Error) Normalize(string? email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        return EmailAddress.IsValid(trimmed) ? (trimmed.ToLowerInvariant(), null) : (null, new FieldError("email", EmailAddress.FormatDescription));
    }

    /// <summary>Mails a confirmation link to a new or unconfirmed address, a sign-in link to a confirmed one.</summary>
    public async Task<FieldError?> SignUpAsync(string? email, CancellationToken cancellationToken)
    {
        var (address, error) = Normalize(email);
        if (address is null)
        {
            return error;
        }

        var stored = await subscribers.GetAsync(address, cancellationToken);
        if (stored is null)
        {
            await subscribers.TryAddAsync(new Subscriber(address, time.GetUtcNow()), cancellationToken);
        }

        return Sent(await (stored?.Value.ConfirmedAt is null ? mail.SendConfirmationAsync(address, cancellationToken) : mail.SendSignInAsync(address, cancellationToken)));
    }

    /// <summary>Mails a sign-in link to a confirmed address (a confirmation link to an unconfirmed one, nothing to a stranger).</summary>
    public async Task<FieldError?> RequestSignInAsync(string? email, CancellationToken cancellationToken)
    {
        var (address, error) = Normalize(email);
        if (address is null)
        {
            return error;
        }

        return await subscribers.GetAsync(address, cancellationToken) switch
        {
            { Value.ConfirmedAt: not null } => Sent(await mail.SendSignInAsync(address, cancellationToken)),
            { } => Sent(await mail.SendConfirmationAsync(address, cancellationToken)),
            null => null,
        };
    }

    /// <summary>A link that could not be sent is said so (the mail log has why): the person can try again.</summary>
    private static FieldError? Sent(Core.Notifications.DeliveryResult result) =>
        result is Core.Notifications.DeliveryResult.Delivered ? null : new FieldError("email", "we could not send the email just now; try again in a few minutes");

    /// <summary>Confirms the address a confirmation token names; a second click finds it confirmed and changes nothing.</summary>
    public async Task<ConfirmedSubscriber?> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(SignedTokens.Confirm, token, 1) is not [var email])
        {
            return null;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await subscribers.GetAsync(email, cancellationToken) is not { } stored)
            {
                return null;
            }

            if (stored.Value is { ConfirmedAt: not null, TenantId: { } known, ChannelId: { } channel })
            {
                return new ConfirmedSubscriber(email, known, channel, false);
            }

            var now = time.GetUtcNow();
            var tenantId = TenantIdFor(email);
            await tenants.TryAddAsync(new Tenant(tenantId, email, now), cancellationToken);
            if (await channels.GetAsync(tenantId, EmailChannelId, cancellationToken) is null)
            {
                await channels.UpsertAsync(new Channel(tenantId, EmailChannelId, "My email", ChannelKind.Email, email), cancellationToken);
            }

            if (await subscribers.TryReplaceAsync(stored.Value with { TenantId = tenantId, ChannelId = EmailChannelId, ConfirmedAt = now }, stored.ETag, cancellationToken))
            {
                return new ConfirmedSubscriber(email, tenantId, EmailChannelId, true);
            }
        }

        return null;
    }

    /// <summary>Redeems a sign-in link once: the confirmed subscriber it names, or null (altered, expired, used, unknown).</summary>
    public async Task<ConfirmedSubscriber?> SignInAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadWithExpiry(SignedTokens.SignIn, token, 2) is not ([var email, var nonce], var expires))
        {
            return null;
        }

        if (await subscribers.GetAsync(email, cancellationToken) is not { Value: { ConfirmedAt: not null, TenantId: { } tenantId, ChannelId: { } channelId } })
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!await subscribers.TrySpendAsync("signin-" + nonce, now, expires, cancellationToken))
        {
            return null;
        }

        // Spent marks are only needed while their links could still work: each use sweeps the ones that no longer could.
        await subscribers.PurgeSpentTokensAsync(now, cancellationToken);
        return new ConfirmedSubscriber(email, tenantId, channelId, false);
    }

    /// <summary>The tenant of a confirmed address, for sessions that must end when it no longer is one.</summary>
    public async Task<string?> TenantOfAsync(string email, CancellationToken cancellationToken) =>
        (await subscribers.GetAsync(email, cancellationToken))?.Value is { ConfirmedAt: not null, TenantId: { } tenantId } ? tenantId : null;

    /// <summary>One tenant per address, the same id however many times (and however concurrently) it is confirmed.</summary>
    private static string TenantIdFor(string email) =>
        "tn_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..16];
}
