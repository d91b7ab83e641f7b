using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Http;
using Alerts.Delivery.Webhooks;

namespace Alerts.Delivery.Tests.Support;

/// <summary>A webhook notifier wired as the host wires it, except that the loopback test servers are allow-listed.</summary>
internal sealed class WebhookHarness : IDisposable
{
    public WebhookHarness(TimeSpan? timeout = null, EndpointPolicyOptions? policy = null)
    {
        Policy = new EndpointPolicy(policy ?? new EndpointPolicyOptions { AllowList = ["127.0.0.1"] });
        Http = new DeliveryHttpClient(Policy);
        Notifier = new GenericWebhookNotifier(Http, new WebhookOptions { Timeout = timeout ?? TimeSpan.FromSeconds(5) }, Logs.CreateLogger<GenericWebhookNotifier>());
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public EndpointPolicy Policy { get; }

    public DeliveryHttpClient Http { get; }

    public GenericWebhookNotifier Notifier { get; }

    public void Dispose() => Http.Dispose();
}
