using Alerts.Core.Model;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Discord;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Http;
using Alerts.Delivery.Slack;
using Alerts.Delivery.Teams;
using Alerts.Delivery.Templates;

namespace Alerts.Delivery.Tests.Support;

/// <summary>A context source that answers the same wording for every delivery (what a subscription would hold).</summary>
internal sealed class FixedContextSource(DeliveryContext context) : IDeliveryContextSource
{
    public Task<DeliveryContext> GetAsync(Alert alert, Channel channel, CancellationToken cancellationToken) => Task.FromResult(context);
}

/// <summary>The chat notifiers wired as the host wires them, with loopback allowed and the context and clock under test control.</summary>
internal sealed class ChatHarness : IDisposable
{
    public ChatHarness(DeliveryContext? context = null, ChatOptions? options = null, TimeProvider? time = null)
    {
        Http = new DeliveryHttpClient(new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["127.0.0.1"] }));
        Pacer = new EndpointPacer(time ?? TimeProvider.System);
        var contexts = new FixedContextSource(context ?? DeliveryContext.Default);
        options ??= new ChatOptions { Timeout = TimeSpan.FromSeconds(5) };
        Slack = new SlackNotifier(Http, Pacer, contexts, options, Logs.CreateLogger<SlackNotifier>());
        Quota = new EndpointQuota(time ?? TimeProvider.System);
        Teams = new TeamsNotifier(Http, Pacer, Quota, contexts, options, Logs.CreateLogger<TeamsNotifier>());
        Discord = new DiscordNotifier(Http, Pacer, contexts, options, Logs.CreateLogger<DiscordNotifier>());
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public DeliveryHttpClient Http { get; }

    public EndpointPacer Pacer { get; }

    public EndpointQuota Quota { get; }

    public SlackNotifier Slack { get; }

    public TeamsNotifier Teams { get; }

    public DiscordNotifier Discord { get; }

    public static Channel Channel(ChannelKind kind, Uri target) => new("t1", "ch-" + kind.ToString().ToLowerInvariant(), kind + " team", kind, target.AbsoluteUri);

    public void Dispose() => Http.Dispose();
}
