using Alerts.Core.Model;
using Alerts.Delivery.Email;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Http;
using Alerts.Delivery.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Delivery.Tests;

public class DeliveryServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_one_notifier_per_implemented_kind_with_bound_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Delivery:Webhook:Timeout"] = "00:00:20",
            ["Delivery:Endpoints:AllowList:0"] = "127.0.0.1",
            ["Delivery:Email:OutboxDirectory"] = "/tmp/outbox",
            ["Delivery:Email:From"] = "alerts@example.org",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<WebhookOptions>().BindConfiguration("Delivery:Webhook");
        services.AddOptions<EndpointPolicyOptions>().BindConfiguration("Delivery:Endpoints");
        services.AddOptions<EmailOptions>().BindConfiguration("Delivery:Email");

        services.AddAlertsDelivery();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<NotifierRegistry>();
        Assert.Equal(Enum.GetValues<ChannelKind>(), registry.Kinds.Order());
        Assert.Equal(TimeSpan.FromSeconds(20), provider.GetRequiredService<WebhookOptions>().Timeout);
        Assert.Equal("alerts@example.org", provider.GetRequiredService<EmailOptions>().From);
        Assert.True(provider.GetRequiredService<EndpointPolicy>().Validate(new Uri("http://127.0.0.1:1/x")).IsAllowed);
        Assert.NotNull(provider.GetRequiredService<DeliveryHttpClient>());
        Assert.NotNull(provider.GetRequiredService<ChannelValidator>());
    }

    [Fact]
    public void Works_with_defaults_only()
    {
        using var provider = new ServiceCollection().AddAlertsDelivery().BuildServiceProvider();

        Assert.Equal(Enum.GetValues<ChannelKind>().Length, provider.GetRequiredService<NotifierRegistry>().Kinds.Count);
        Assert.False(provider.GetRequiredService<EndpointPolicy>().Validate(new Uri("https://127.0.0.1/x")).IsAllowed);
    }

    [Fact]
    public void Email_goes_through_sendgrid_when_a_key_is_given_and_to_the_outbox_otherwise()
    {
        using var withKey = new ServiceCollection().AddAlertsDelivery(new Alerts.Delivery.Email.SendGrid.SendGridOptions { ApiKey = "SG.test" }).BuildServiceProvider();
        using var withoutKey = new ServiceCollection().AddAlertsDelivery(new Alerts.Delivery.Email.SendGrid.SendGridOptions()).BuildServiceProvider();

        Assert.IsType<Alerts.Delivery.Email.SendGrid.SendGridEmailNotifier>(withKey.GetRequiredService<NotifierRegistry>().Find(ChannelKind.Email));
        Assert.IsType<OutboxEmailNotifier>(withoutKey.GetRequiredService<NotifierRegistry>().Find(ChannelKind.Email));
    }
}
