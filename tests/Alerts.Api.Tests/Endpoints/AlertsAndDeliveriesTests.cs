using System.Net;
using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Api.Tests.Endpoints;

public sealed class AlertsAndDeliveriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);
    private ApiServer _server = null!;
    private TenantClient _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tenant = await _server.NewTenantAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Alerts_page_through_continuation_tokens_without_repeats_or_gaps()
    {
        for (var i = 0; i < 7; i++)
        {
            await AddAlertAsync(_tenant.TenantId, "a" + i, i % 2 == 0 ? "zhipu" : "minimax", "r", AnnouncementCategory.ListingApplication, Start.AddHours(i));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (status, page) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/alerts?limit=3" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page!["items"]!.AsArray().Select(a => (string)a!["id"]!));
            token = (string?)page["continuationToken"];
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => "a" + i).Order(), seen.Order());
    }

    [Fact]
    public async Task Alerts_filter_by_company_rule_category_and_time()
    {
        await AddAlertAsync(_tenant.TenantId, "z1", "zhipu", "filings", AnnouncementCategory.ListingApplication, Start);
        await AddAlertAsync(_tenant.TenantId, "z2", "zhipu", "jump", AnnouncementCategory.Other, Start.AddDays(2));
        await AddAlertAsync(_tenant.TenantId, "m1", "minimax", "filings", AnnouncementCategory.AShareIssuance, Start.AddDays(1));

        Assert.Equal(["z1", "z2"], await IdsAsync("/api/v1/alerts?company=" + Uri.EscapeDataString("智谱")));
        Assert.Equal(["m1", "z1"], await IdsAsync("/api/v1/alerts?rule=filings"));
        Assert.Equal(["m1"], await IdsAsync("/api/v1/alerts?category=AShareIssuance"));
        Assert.Equal(["m1", "z2"], await IdsAsync("/api/v1/alerts?from=" + Uri.EscapeDataString(Start.AddHours(1).ToString("O"))));
        Assert.Equal(["z1"], await IdsAsync("/api/v1/alerts?to=" + Uri.EscapeDataString(Start.AddHours(1).ToString("O"))));
    }

    [Theory]
    [InlineData("/api/v1/alerts?limit=0", "limit")]
    [InlineData("/api/v1/alerts?limit=5000", "limit")]
    [InlineData("/api/v1/alerts?category=Gossip", "category")]
    [InlineData("/api/v1/alerts?from=yesterday", "from")]
    [InlineData("/api/v1/alerts?company=Nobody%20Ltd", "company")]
    [InlineData("/api/v1/alerts?continuationToken=%21%21", "continuationToken")]
    [InlineData("/api/v1/deliveries?status=Lost", "status")]
    public async Task Bad_filters_name_the_parameter(string path, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]![field] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task One_alert_comes_with_its_deliveries_and_their_attempts()
    {
        await AddAlertAsync(_tenant.TenantId, "a", "zhipu", "r", AnnouncementCategory.ListingApplication, Start);
        await AddDeliveryAsync(_tenant.TenantId, "d1", "a", DeliveryStatus.DeadLettered, attempts: 2);
        await AddDeliveryAsync(_tenant.TenantId, "d2", "other", DeliveryStatus.Delivered, attempts: 1);

        var (status, detail) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/alerts/a");
        Assert.Equal(HttpStatusCode.OK, status);
        var delivery = Assert.Single(detail!["deliveries"]!.AsArray());
        Assert.Equal("d1", (string)delivery!["delivery"]!["id"]!);
        Assert.Equal(2, delivery["attempts"]!.AsArray().Count);

        var (_, list) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/deliveries?status=DeadLettered");
        var only = Assert.Single(list!["items"]!.AsArray());
        Assert.Equal(2, only!["attempts"]!.AsArray().Count);
        var (_, one) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/deliveries/d2");
        Assert.Equal("Delivered", (string)one!["delivery"]!["status"]!);
    }

    [Fact]
    public async Task A_dead_letter_is_redelivered_with_the_same_id_and_a_delivered_one_is_refused()
    {
        await AddDeliveryAsync(_tenant.TenantId, "dead", "a", DeliveryStatus.DeadLettered, attempts: 8);
        await AddDeliveryAsync(_tenant.TenantId, "done", "a", DeliveryStatus.Delivered, attempts: 1);

        var (status, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/deliveries/dead/redeliver");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("dead", (string)result!["redelivered"]![0]!);
        var revived = await _server.Store.Deliveries.GetAsync(_tenant.TenantId, "dead", CancellationToken.None);
        Assert.Equal(DeliveryStatus.Pending, revived!.Value.Status);
        Assert.Contains(await PendingAsync(), k => k == WorkItem.DeliveryKey(_tenant.TenantId, "dead"));

        var (refused, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/deliveries/done/redeliver");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("Delivered", (string)problem!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_since_a_time_are_redelivered_together()
    {
        await AddDeliveryAsync(_tenant.TenantId, "old", "a", DeliveryStatus.DeadLettered, attempts: 8, at: Start.AddDays(-10));
        await AddDeliveryAsync(_tenant.TenantId, "new1", "a", DeliveryStatus.DeadLettered, attempts: 8, at: Start);
        await AddDeliveryAsync(_tenant.TenantId, "new2", "b", DeliveryStatus.DeadLettered, attempts: 8, at: Start.AddHours(1));
        var (status, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/deliveries/redeliver", new { since = Start.AddDays(-1) });
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["new1", "new2"], result!["redelivered"]!.AsArray().Select(d => (string)d!).Order());
        Assert.Equal(DeliveryStatus.DeadLettered, (await _server.Store.Deliveries.GetAsync(_tenant.TenantId, "old", CancellationToken.None))!.Value.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/deliveries/redeliver", "{}")).Status);
    }

    internal static Alert NewAlert(string tenantId, string id, string companyId, string ruleId, AnnouncementCategory category, DateTimeOffset at) =>
        new(tenantId, id, ruleId, "Rule " + ruleId, "hkex:" + id, MarketEventKind.Announcement, companyId, companyId, "Headline " + id, "detail", null, [category], null, null, null, null, at, at);

    private Task AddAlertAsync(string tenantId, string id, string companyId, string ruleId, AnnouncementCategory category, DateTimeOffset at) =>
        _server.Store.Alerts.TryAddAsync(NewAlert(tenantId, id, companyId, ruleId, category, at), CancellationToken.None);

    private async Task AddDeliveryAsync(string tenantId, string id, string alertId, DeliveryStatus status, int attempts, DateTimeOffset? at = null)
    {
        var when = at ?? Start;
        await _server.Store.Deliveries.TryAddAsync(new Core.Model.Delivery(tenantId, id, alertId, "ch", ChannelKind.Webhook, status, attempts, when, when), CancellationToken.None);
        for (var n = 1; n <= attempts; n++)
        {
            await _server.Store.Attempts.AddAsync(new DeliveryAttempt(tenantId, id, n, when.AddMinutes(n), AttemptOutcome.Retryable, 503, TimeSpan.FromMilliseconds(20), "server error"), CancellationToken.None);
        }
    }

    private async Task<List<string>> IdsAsync(string path)
    {
        var (status, page) = await _tenant.Http.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. page!["items"]!.AsArray().Select(a => (string)a!["id"]!).Order()];
    }

    private async Task<List<string>> PendingAsync()
    {
        var keys = new List<string>();
        await foreach (var item in _server.Store.Work.ListAsync(WorkStage.Deliver, CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        return keys;
    }
}
