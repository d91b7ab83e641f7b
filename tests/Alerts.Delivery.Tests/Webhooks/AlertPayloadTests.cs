using System.Text;
using System.Text.Json;
using Alerts.Delivery.Tests.Support;
using Alerts.Delivery.Webhooks;

namespace Alerts.Delivery.Tests.Webhooks;

public class AlertPayloadTests
{
    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public void Writes_the_documented_schema_in_camel_case()
    {
        var alert = TestData.Alert();
        var delivery = TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/hook"));

        var root = Parse(AlertPayloadSerializer.Serialize(alert, delivery));

        Assert.Equal(["type", "timestamp", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("alert.fired", root.GetProperty("type").GetString());
        Assert.Equal(alert.CreatedAt, root.GetProperty("timestamp").GetDateTimeOffset());
        var data = root.GetProperty("data");
        Assert.Equal(
            ["schemaVersion", "alertId", "deliveryId", "tenantId", "rule", "event", "company", "headline", "detail", "url", "categories", "price"],
            data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, data.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(alert.Id, data.GetProperty("alertId").GetString());
        Assert.Equal(delivery.Id, data.GetProperty("deliveryId").GetString());
        Assert.Equal("t1", data.GetProperty("tenantId").GetString());
        Assert.Equal("rule-results", data.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal("Results for my watchlist", data.GetProperty("rule").GetProperty("name").GetString());
        Assert.Equal("HKEX:11223344", data.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal("announcement", data.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal(alert.OccurredAt, data.GetProperty("event").GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("co-0700", data.GetProperty("company").GetProperty("id").GetString());
        Assert.Equal(alert.Url!.AbsoluteUri, data.GetProperty("url").GetString());
        Assert.Equal(["results", "tradingHalt"], data.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("price").ValueKind);
    }

    [Fact]
    public void Matches_the_documented_example_byte_for_byte()
    {
        var alert = TestData.Alert() with { Categories = [Core.Model.AnnouncementCategory.Results, Core.Model.AnnouncementCategory.AShareIssuance] };
        var delivery = TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/hook")) with { Id = "dl_5f0c1e2d3b4a69788796a5b4c3d2e1f0" };

        var json = Encoding.UTF8.GetString(AlertPayloadSerializer.Serialize(alert, delivery));

        Assert.Equal(
            """{"type":"alert.fired","timestamp":"2026-11-21T08:46:00+00:00","data":{"schemaVersion":1,"alertId":"al_0123456789abcdef0123456789abcdef","deliveryId":"dl_5f0c1e2d3b4a69788796a5b4c3d2e1f0","tenantId":"t1","rule":{"id":"rule-results","name":"Results for my watchlist"},"event":{"id":"HKEX:11223344","kind":"announcement","occurredAt":"2026-11-21T08:45:00+00:00"},"company":{"id":"co-0700","name":"Tencent Holdings"},"headline":"Tencent Holdings: announcement of annual results","detail":"Revenue up 8% year on year.","url":"https://www1.hkexnews.hk/listedco/listconews/sehk/2026/1121/2026112100123.pdf","categories":["results","aShareIssuance"],"price":null}}""",
            json);
    }

    [Fact]
    public void Writes_price_moves_with_their_numbers()
    {
        var alert = TestData.Alert(price: 412.6m);

        var data = Parse(AlertPayloadSerializer.Serialize(alert, TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h")))).GetProperty("data");

        Assert.Equal("priceTick", data.GetProperty("event").GetProperty("kind").GetString());
        var price = data.GetProperty("price");
        Assert.Equal("0700.HK", price.GetProperty("symbol").GetString());
        Assert.Equal(412.6m, price.GetProperty("price").GetDecimal());
        Assert.Equal(5.25m, price.GetProperty("changePercent").GetDecimal());
        Assert.Equal("HKD", price.GetProperty("currency").GetString());
    }

    [Fact]
    public void Writes_chinese_text_as_utf8_and_keeps_html_characters_escaped()
    {
        var alert = TestData.Alert(headline: "腾讯控股：2026年度业绩公告", companyName: "<script>alert(1)</script>");

        var body = AlertPayloadSerializer.Serialize(alert, TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h")));
        var text = Encoding.UTF8.GetString(body);

        Assert.Contains("腾讯控股：2026年度业绩公告", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", Parse(body).GetProperty("data").GetProperty("company").GetProperty("name").GetString());
    }

    [Fact]
    public void The_same_delivery_always_serialises_to_the_same_bytes()
    {
        var alert = TestData.Alert();
        var delivery = TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h"));

        Assert.Equal(AlertPayloadSerializer.Serialize(alert, delivery), AlertPayloadSerializer.Serialize(alert, delivery));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("公")]
    [InlineData("<")]
    [InlineData("😀")]
    public void Oversized_text_is_shortened_to_stay_under_20_kb(string unit)
    {
        var huge = string.Concat(Enumerable.Repeat(unit, 30_000));
        var alert = TestData.Alert(headline: huge, detail: huge);

        var body = AlertPayloadSerializer.Serialize(alert, TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h")));

        Assert.True(body.Length <= AlertPayloadSerializer.MaxBytes, $"{body.Length} bytes");
        var data = Parse(body).GetProperty("data");
        Assert.EndsWith("…", data.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal(alert.Id, data.GetProperty("alertId").GetString());
    }

    [Fact]
    public void Detail_is_shortened_before_the_headline_and_only_as_much_as_needed()
    {
        var alert = TestData.Alert(detail: string.Concat(Enumerable.Repeat("董事会公告。", 5_000)));

        var body = AlertPayloadSerializer.Serialize(alert, TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h")));

        Assert.InRange(body.Length, AlertPayloadSerializer.MaxBytes - 8, AlertPayloadSerializer.MaxBytes);
        var data = Parse(body).GetProperty("data");
        Assert.Equal(alert.Headline, data.GetProperty("headline").GetString());
        Assert.EndsWith("…", data.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("董事会公告。董事会公告。", data.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_typical_alert_is_far_below_the_limit()
    {
        var alert = TestData.Alert();

        Assert.True(AlertPayloadSerializer.Serialize(alert, TestData.Delivery(alert, TestData.WebhookChannel("https://example.com/h"))).Length < 2_000);
    }
}
