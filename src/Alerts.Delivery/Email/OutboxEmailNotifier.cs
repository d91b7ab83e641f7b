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
public sealed class OutboxEmailNotifier : INotifier
{
    private readonly EmailOptions _options;
    private readonly IDeliveryContextSource _contexts;
    private readonly ILogger _logger;

    public OutboxEmailNotifier(EmailOptions options, ILogger<OutboxEmailNotifier> logger)
        : this(options, new DefaultDeliveryContextSource(), logger)
    {
    }

    public OutboxEmailNotifier(EmailOptions options, IDeliveryContextSource contexts, ILogger<OutboxEmailNotifier> logger)
    {
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

        var message = new EmlMessage(
            _options.From,
            _options.FromName,
            channel.Target,
            request.Now,
            $"{delivery.Id}@{EmailAddress.Domain(_options.From)}",
            EmailComposer.Render(alert, text, fields));
        var temp = Path.Combine(_options.OutboxDirectory, $".{delivery.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(_options.OutboxDirectory);
            await WriteDurablyAsync(temp, EmlWriter.Write(message), cancellationToken);
            if (!TryPublish(temp, path))
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
        finally
        {
            TryDelete(temp);
        }

        EmailLog.Written(_logger, delivery.Id, fileName, alert.Id, channel.Id, channel.TenantId);
        return new DeliveryResult.Delivered(null);
    }

    private DeliveryResult Refused(DeliveryRequest request, DeliveryResult.Permanent result)
    {
        EmailLog.Refused(_logger, request.Delivery.Id, result.Detail, request.Alert.Id, request.Channel.Id, request.Channel.TenantId);
        return result;
    }

    private static async Task WriteDurablyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await stream.WriteAsync(bytes, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames the finished temp file into place; false when another attempt got there first.</summary>
    private static bool TryPublish(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover dot-file is harmless: pickups read *.eml only.
        }
    }

    private static bool IsSafeFileName(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
