using Alerts.Core.Model;
using Alerts.Core.Notifications;

namespace Alerts.Delivery.Email;

/// <summary>
/// Mail to a person about their account (address confirmation, sign-in links), sent through the email channel itself
/// (SendGrid when a key is set, else a <c>.eml</c> file in the outbox). It never carries an alert, so it is the one kind of
/// mail that may go to an address not yet confirmed.
/// </summary>
public interface IAccountMail
{
    Task<DeliveryResult> SendAsync(string to, RenderedEmail content, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Finds the registered email notifier; a host without one (the Functions app without SendGrid) answers with why.</summary>
public sealed class AccountMail(NotifierRegistry notifiers) : IAccountMail
{
    public Task<DeliveryResult> SendAsync(string to, RenderedEmail content, DateTimeOffset now, CancellationToken cancellationToken) =>
        notifiers.Find(ChannelKind.Email) is IAccountMail mail
            ? mail.SendAsync(to, content, now, cancellationToken)
            : Task.FromResult<DeliveryResult>(new DeliveryResult.Permanent(FailureReason.Internal, "no email sender is configured (set a SendGrid key)", null));
}
