using System.Net;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Http;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Alerts.Delivery.Email.SendGrid;

/// <summary>
/// Email through SendGrid (v3 Mail Send, the SendGrid client as it is): text and HTML, <c>custom_args</c> with the alert
/// and delivery ids (for matching Event Webhook data and deduplicating), categories, sandbox mode, and one-click
/// unsubscribe headers (RFC 8058). One attempt per call, no client retries; the answer is read by <see cref="SendGridAnswer"/>.
/// </summary>
public sealed class SendGridEmailNotifier : INotifier, IAccountMail, IDisposable
{
    private readonly SendGridOptions _options;
    private readonly EmailOptions _email;
    private readonly IDeliveryContextSource _contexts;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly IUnsubscribeLinks _links;

    public SendGridEmailNotifier(SendGridOptions options, EmailOptions email, IDeliveryContextSource contexts, ILogger<SendGridEmailNotifier> logger)
        : this(options, email, contexts, NoUnsubscribeLinks.Instance, logger)
    {
    }

    public SendGridEmailNotifier(SendGridOptions options, EmailOptions email, IDeliveryContextSource contexts, IUnsubscribeLinks links, ILogger<SendGridEmailNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(logger);
        if (!options.IsConfigured)
        {
            throw new ArgumentException("SendGridOptions.ApiKey is required", nameof(options));
        }

        if (!EmailAddress.IsValid(email.From))
        {
            throw new ArgumentException("EmailOptions.From " + EmailAddress.FormatDescription, nameof(email));
        }

        (_options, _email, _contexts, _logger) = (options, email, contexts, logger);
        _links = links;
        (_http, _client) = Client(options);
    }

    public ChannelKind Kind => ChannelKind.Email;

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await SendOnceAsync(request, cancellationToken);
        ChannelLog.Outcome(_logger, request, "SendGrid", result);
        return result;
    }

    /// <summary>One SendGrid client per sender: no automatic redirects, cookies or retries (the caller owns retries).</summary>
    internal static (HttpClient Http, SendGridClient Client) Client(SendGridOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        return (http, new SendGridClient(http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Host, HttpErrorAsException = false }));
    }

    /// <summary>The Mail Send request for one delivery (what the fake in the tests checks field by field).</summary>
    public SendGridMessage Build(DeliveryRequest request, RenderedEmail content)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(content);
        var (alert, channel, delivery) = (request.Alert, request.Channel, request.Delivery);
        var link = _links.For(channel.TenantId, channel.Id);
        content = link is null ? content : EmailUnsubscribe.WithLink(content, link);
        var message = MailHelper.CreateSingleEmail(
            new global::SendGrid.Helpers.Mail.EmailAddress(_email.From, _email.FromName), new global::SendGrid.Helpers.Mail.EmailAddress(channel.Target), content.Subject, content.TextBody, content.HtmlBody);
        message.AddCustomArg("alert_id", alert.Id);
        message.AddCustomArg("delivery_id", delivery.Id);
        message.AddCustomArg("tenant_id", alert.TenantId);
        message.AddCustomArg("rule_id", alert.RuleId);
        foreach (var category in _options.Categories.Take(10))
        {
            message.AddCategory(category);
        }

        message.AddHeader("Auto-Submitted", "auto-generated");
        foreach (var (name, value) in link is null ? [] : EmailUnsubscribe.Headers(link))
        {
            message.AddHeader(name, value);
        }

        if (_options.SandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return message;
    }

    public void Dispose() => _http.Dispose();

    private async Task<DeliveryResult> SendOnceAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!EmailAddress.IsValid(request.Channel.Target))
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + EmailAddress.FormatDescription, null);
        }

        var context = await _contexts.GetAsync(request.Alert, request.Channel, cancellationToken);
        var fields = AlertFields.From(request.Alert, context);
        if (ComposedText.Compose(fields, context.Template, out var failure) is not { } text)
        {
            return failure!;
        }

        var message = Build(request, EmailComposer.Render(request.Alert, text, fields));
        return await SendOnceAsync(message, request.Channel.Target, request.Now, cancellationToken);
    }

    /// <summary>Account mail: the same client and the same reading of SendGrid's answer, without alert fields.</summary>
    public async Task<DeliveryResult> SendAsync(string to, RenderedEmail content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!EmailAddress.IsValid(to))
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + EmailAddress.FormatDescription, null);
        }

        var message = MailHelper.CreateSingleEmail(
            new global::SendGrid.Helpers.Mail.EmailAddress(_email.From, _email.FromName), new global::SendGrid.Helpers.Mail.EmailAddress(to), content.Subject, content.TextBody, content.HtmlBody);
        message.AddHeader("Auto-Submitted", "auto-generated");
        if (_options.SandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return await SendOnceAsync(message, to, now, cancellationToken);
    }

    private async Task<DeliveryResult> SendOnceAsync(SendGridMessage message, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var response = await _client.SendEmailAsync(message, timeout.Token);
            var body = response.Body is null ? null : await response.Body.ReadAsStringAsync(timeout.Token);
            var redactor = new SecretRedactor(null, _options.ApiKey, target);
            return SendGridAnswer.Classify((int)response.StatusCode, response.Headers, body is null ? null : redactor.Redact(Clip(body)), now);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpStatusClassifier.ClassifyException(new TimeoutException());
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // No answer: SendGrid may or may not have queued it; a retry may duplicate, which custom_args.delivery_id lets receivers spot.
            return HttpStatusClassifier.ClassifyException(exception is HttpRequestException http ? http : new HttpRequestException(HttpRequestError.Unknown, "I/O error"));
        }
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000];
}
