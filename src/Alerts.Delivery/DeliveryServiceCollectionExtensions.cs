using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Discord;
using Alerts.Delivery.Email;
using Alerts.Delivery.Email.SendGrid;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Http;
using Alerts.Delivery.ServiceBus;
using Alerts.Delivery.Slack;
using Alerts.Delivery.Teams;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the channels. THE list of notifiers is here: a new channel is one more <c>AddSingleton&lt;INotifier, …&gt;</c>.
    /// Options come from <see cref="IOptions{TOptions}"/> of <see cref="EndpointPolicyOptions"/>, <see cref="WebhookOptions"/>,
    /// <see cref="EmailOptions"/> and <see cref="ChatOptions"/>; bind them (<c>services.AddOptions&lt;WebhookOptions&gt;().BindConfiguration("Delivery:Webhook")</c>)
    /// or leave the defaults. Email goes through SendGrid when <paramref name="sendGrid"/> has a key, else to the outbox.
    /// </summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, SendGridOptions? sendGrid = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton(sp => new EndpointPolicy(sp.GetRequiredService<IOptions<EndpointPolicyOptions>>().Value));
        services.TryAddSingleton(sp => new DeliveryHttpClient(sp.GetRequiredService<EndpointPolicy>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ChatOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EndpointPacer>();
        services.TryAddSingleton<EndpointQuota>();
        services.TryAddSingleton<IDeliveryContextSource, DefaultDeliveryContextSource>();
        services.TryAddSingleton<ChannelValidator>();
        services.TryAddSingleton<IServiceBusSenders, ServiceBusSenders>();

        // Email: SendGrid when a key is configured, else the .eml outbox (a host without a folder, like the Functions app,
        // removes that registration by its implementation type and email channels then fail with a clear reason).
        if (sendGrid is { IsConfigured: true })
        {
            services.TryAddSingleton(sendGrid);
            services.AddSingleton<INotifier, SendGridEmailNotifier>();
        }
        else
        {
            services.AddSingleton<INotifier, OutboxEmailNotifier>();
        }

        services.AddSingleton<INotifier, GenericWebhookNotifier>();
        services.AddSingleton<INotifier, SlackNotifier>();
        services.AddSingleton<INotifier, TeamsNotifier>();
        services.AddSingleton<INotifier, DiscordNotifier>();
        services.AddSingleton<INotifier, ServiceBusNotifier>();

        services.TryAddSingleton<NotifierRegistry>();
        services.TryAddSingleton<IUnsubscribeLinks>(NoUnsubscribeLinks.Instance);
        services.TryAddSingleton<IAccountMail, AccountMail>();
        return services;
    }
}
