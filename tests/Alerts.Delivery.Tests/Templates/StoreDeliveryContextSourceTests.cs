using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Delivery.Tests.Templates;

public class StoreDeliveryContextSourceTests
{
    private sealed class Subscriptions(List<Subscription> items) : ISubscriptionRepository
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<Subscription>> ListAsync(string tenantId, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<Subscription>>([.. items.Where(s => s.TenantId == tenantId)]);
        }

        public Task UpsertAsync(Subscription subscription, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Companies(params Company[] items) : ICompanyRepository
    {
        public Task<IReadOnlyList<Company>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Company>>(items);

        public Task UpsertAsync(Company company, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static readonly MessageTemplate SlackWording = new(Title: "{{ symbol }}");

    [Fact]
    public async Task Finds_the_wording_and_zone_of_the_subscription_joining_the_alerts_rule_to_the_channel()
    {
        var list = new List<Subscription>
        {
            new("t1", "other-rule", "rule-other", ["ch-slack"], new Dictionary<string, MessageTemplate> { ["ch-slack"] = new(Title: "wrong") }),
            new("t1", "s1", "rule-results", ["ch-slack", "ch-mail"], new Dictionary<string, MessageTemplate> { ["ch-slack"] = SlackWording }, "Asia/Hong_Kong"),
        };
        var source = new StoreDeliveryContextSource(
            new Subscriptions(list), new Companies(new Company("co-0700", ["Tencent", "腾讯控股"], [])), new FakeTimeProvider(), TimeSpan.FromSeconds(30));
        var slack = new Channel("t1", "ch-slack", "S", ChannelKind.Slack, "https://hooks.slack.com/x");
        var mail = TestData.EmailChannel();

        var forSlack = await source.GetAsync(TestData.Alert(), slack, CancellationToken.None);
        var forMail = await source.GetAsync(TestData.Alert(), mail, CancellationToken.None);

        Assert.Equal(SlackWording, forSlack.Template);
        Assert.Equal("Asia/Hong_Kong", forSlack.TimeZone.Id);
        Assert.Equal("腾讯控股", AlertFields.From(TestData.Alert(), forSlack).CompanyChinese);
        Assert.Null(forMail.Template);
        Assert.Equal("Asia/Hong_Kong", forMail.TimeZone.Id);
    }

    [Fact]
    public async Task Reads_the_store_once_per_max_age_and_sees_edits_after_it()
    {
        var list = new List<Subscription> { new("t1", "s1", "rule-results", ["ch-mail"]) };
        var subscriptions = new Subscriptions(list);
        var time = new FakeTimeProvider();
        var source = new StoreDeliveryContextSource(subscriptions, new Companies(), time, TimeSpan.FromSeconds(30));

        await source.GetAsync(TestData.Alert(), TestData.EmailChannel(), CancellationToken.None);
        list[0] = list[0] with { TimeZone = "Europe/London" };
        var cached = await source.GetAsync(TestData.Alert(), TestData.EmailChannel(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(31));
        var fresh = await source.GetAsync(TestData.Alert(), TestData.EmailChannel(), CancellationToken.None);

        Assert.Equal(TimeZoneInfo.Utc, cached.TimeZone);
        Assert.Equal("Europe/London", fresh.TimeZone.Id);
        Assert.Equal(2, subscriptions.Reads);
    }
}
