using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Email;

/// <summary>
/// The standalone email channel: writes each delivery as <c>{delivery id}.eml</c> into an outbox folder for a mail
/// pickup (or a human) to send. The file appears whole or not at all (temp file, flush, rename), and a delivery already
/// in the outbox is not written again, so retries and duplicate messages leave exactly one file.
/// </summary>
public sealed class OutboxEmailNotifier : INotifier, IAccountMail
{
    private readonly EmailOptions _options;
    private readonly IDeliveryContextSource _contexts;
    private readonly ILogger _logger;
    private readonly IUnsubscribeLinks _links;

    public OutboxEmailNotifier(EmailOptions options, ILogger<OutboxEmailNotifier> logger)
        : this(options, new DefaultDeliveryContextSource(), logger)
    {
    }

    public OutboxEmailNotifier(EmailOptions options, IDeliveryContextSource contexts, ILogger<OutboxEmailNotifier> logger)
        : this(options, contexts, NoUnsubscribeLinks.Instance, logger)
    {
    }

    public OutboxEmailNotifier(EmailOptions options, IDeliveryContextSource contexts, IUnsubscribeLinks links, ILogger<OutboxEmailNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutboxDirectory, nameof(options));
        if (!EmailAddress.IsValid(options.From))
        {
            throw new ArgumentException("EmailOptions.From " + EmailAddress.FormatDescription, nameof(options));
        }

        _options = options;
        _contexts = contexts;
        _logger = logger;
        _links = links;
    }

    public ChannelKind Kind => ChannelKind.Email;

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (alert, channel, delivery) = (request.Alert, request.Channel, request.Delivery);
        if (!EmailAddress.IsValid(channel.Target))
        {
            return Refused(request, new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + EmailAddress.FormatDescription, null));
        }

        if (!IsSafeFileName(delivery.Id))
        {
            return Refused(request, new DeliveryResult.Permanent(FailureReason.Rejected, "delivery id is not usable as a file name", null));
        }

        var fileName = delivery.Id + ".eml";
        var path = Path.Combine(_options.OutboxDirectory, fileName);
        if (File.Exists(path))
        {
            EmailLog.AlreadyWritten(_logger, delivery.Id, alert.Id, channel.Id, channel.TenantId);
            return new DeliveryResult.Delivered(null);
        }

        var context = await _contexts.GetAsync(alert, channel, cancellationToken);
        var fields = AlertFields.From(alert, context);
        if (ComposedText.Compose(fields, context.Template, out var failure) is not { } text)
        {
            return Refused(request, failure!);
        }

        var content = EmailComposer.Render(alert, text, fields);
        var link = _links.For(channel.TenantId, channel.Id);
        var message = new EmlMessage(
            _options.From,
            _options.FromName,
            channel.Target,
            request.Now,
            $"{delivery.Id}@{EmailAddress.Domain(_options.From)}",
            link is null ? content : EmailUnsubscribe.WithLink(content, link),
            link is null ? null : EmailUnsubscribe.Headers(link));
        try
        {
            if (!await OutboxFiles.PublishAsync(_options.OutboxDirectory, delivery.Id, EmlWriter.Write(message), cancellationToken))
            {
                EmailLog.AlreadyWritten(_logger, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                return new DeliveryResult.Delivered(null);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            EmailLog.WriteFailed(_logger, delivery.Id, exception.GetType().Name, alert.Id, channel.Id, channel.TenantId, exception);
            return new DeliveryResult.Retryable(FailureReason.ServerError, "outbox write failed: " + exception.GetType().Name, null);
        }

        EmailLog.Written(_logger, delivery.Id, fileName, alert.Id, channel.Id, channel.TenantId);
        return new DeliveryResult.Delivered(null);
    }

    /// <summary>Account mail as <c>account-{random}.eml</c>.</summary>
    public async Task<DeliveryResult> SendAsync(string to, RenderedEmail content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!EmailAddress.IsValid(to))
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + EmailAddress.FormatDescription, null);
        }

        var id = "account-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var message = new EmlMessage(_options.From, _options.FromName, to, now, $"{id}@{EmailAddress.Domain(_options.From)}", content);
        try
        {
            await OutboxFiles.PublishAsync(_options.OutboxDirectory, id, EmlWriter.Write(message), cancellationToken);
            return new DeliveryResult.Delivered(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new DeliveryResult.Retryable(FailureReason.ServerError, "outbox write failed: " + exception.GetType().Name, null);
        }
    }

    private DeliveryResult Refused(DeliveryRequest request, DeliveryResult.Permanent result)
    {
        EmailLog.Refused(_logger, request.Delivery.Id, result.Detail, request.Alert.Id, request.Channel.Id, request.Channel.TenantId);
        return result;
    }

    private static bool IsSafeFileName(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
