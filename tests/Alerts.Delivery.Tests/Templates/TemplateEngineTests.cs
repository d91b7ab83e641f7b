using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Templates;

public class TemplateEngineTests
{
    private static readonly Company Zhipu = new(
        "zhipu", ["Zhipu", "Knowledge Atlas", "北京智谱华章科技股份有限公司"], [new Listing("HKEX", "02513", "2513.HK", "HKD")]);

    private static Alert PriceAlert() => TestData.Alert(headline: "2513.HK up 23.4%", companyName: "Zhipu", price: 496m) with
    {
        Symbol = "2513.HK",
        ChangePercent = 23.3830845771144m,
        EventId = "Tencent:2513.HK:1",
        OccurredAt = new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Every_named_field_renders_with_the_time_in_the_subscribers_zone()
    {
        var zone = TimeZones.Find("Asia/Hong_Kong")!;
        var fields = AlertFields.From(PriceAlert(), new DeliveryContext(null, zone, Zhipu));
        const string template = "{{ company_en }}|{{ company_zh }}|{{ code }}|{{ symbol }}|{{ title }}|{{ source }}|{{ price }}|{{ currency }}|{{ move_pct }}|{{ previous_close }}|{{ rule }}|{{ time }}|{{ time_zone }}|{{ codes | join: ',' }}";

        var (text, error) = TemplateEngine.Render(template, fields);

        Assert.Null(error);
        Assert.Equal("Zhipu|北京智谱华章科技股份有限公司|HKEX 02513|2513.HK|2513.HK up 23.4%|Tencent|496|HKD|23.38|402|Results for my watchlist|2026-01-08 09:30 UTC+08:00|Asia/Hong_Kong|HKEX 02513", text);
    }

    [Fact]
    public void Liquid_logic_and_filters_work_on_the_fields()
    {
        var fields = AlertFields.From(PriceAlert(), DeliveryContext.Default);

        var (text, _) = TemplateEngine.Render("{% if is_price %}{{ symbol }} {{ move_pct | round: 1 }}%{% else %}{{ category }}{% endif %} {{ title | upcase | truncate: 8 }}", fields);

        Assert.Equal("2513.HK 23.4% 2513....", text);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "{{ title ", "is not valid Liquid" },
        { "{% if title %}never closed", "is not valid Liquid" },
        { "{{ secret_key }}", "failed to render" },
        { "{{ title | no_such_filter }}", "failed to render" },
        { new string('x', TemplateEngine.MaxTemplateLength + 1), "at most" },
        { "{% for i in (1..10000000) %}{{ i }}{% endfor %}", "ranges need literal bounds" },
        { "{% for i in (1..price) %}{{ i }}{% endfor %}", "ranges need literal bounds" },
        { "{% for i in (1..999) %}{% for j in (1..999) %}{{ j }}{% endfor %}{% endfor %}", "failed to render" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_templates_are_refused_when_saved_with_the_part_named(string body, string why)
    {
        var errors = TemplateEngine.Validate(new MessageTemplate(Subject: "{{ company }}", Body: body));

        var error = Assert.Single(errors);
        Assert.Equal("body", error.Part);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_cannot_reach_files_or_clr_objects()
    {
        var fields = AlertFields.From(TestData.Alert(), DeliveryContext.Default);

        Assert.NotNull(TemplateEngine.Render("{% include '/etc/passwd' %}", fields).Error);
        Assert.NotNull(TemplateEngine.Render("{{ title.GetType }}", fields).Error ?? (TemplateEngine.Render("{{ title.GetType }}", fields).Text == string.Empty ? "empty" : null));
    }

    [Fact]
    public async Task A_template_that_fails_at_send_time_is_a_permanent_failure_with_the_reason_and_nothing_is_sent()
    {
        await using var slack = await SlackFake.StartAsync();
        var context = new DeliveryContext(new MessageTemplate(Body: "{% for i in (1..900) %}{% for j in (1..900) %}{{ j }}{% endfor %}{% endfor %}"), TimeZoneInfo.Utc, null);
        using var harness = new ChatHarness(context);

        var result = await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook())), CancellationToken.None);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.StartsWith("template body failed to render", permanent.Detail, StringComparison.Ordinal);
        Assert.False(permanent.DisableEndpoint);
        Assert.Empty(slack.Server.Requests);
    }

    [Fact]
    public async Task Template_output_is_escaped_for_slack_so_source_text_cannot_forge_a_mention_or_link()
    {
        await using var slack = await SlackFake.StartAsync();
        var context = new DeliveryContext(new MessageTemplate(Title: "{{ company }} alert", Body: "{{ title }} — {{ rule }}"), TimeZoneInfo.Utc, null);
        using var harness = new ChatHarness(context);
        var alert = TestData.Alert(headline: "<!channel> <https://evil.example|click> & more");

        await harness.Slack.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Slack, slack.Webhook()), alert), CancellationToken.None);

        var blocks = Assert.Single(slack.Accepted)["blocks"]!.AsArray();
        Assert.Equal("Tencent Holdings alert", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more — Results for my watchlist", blocks[1]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Chinese_and_english_names_come_from_the_directory_and_fall_back_to_the_alerts_name()
    {
        var known = AlertFields.From(TestData.Alert(companyName: "Zhipu"), new DeliveryContext(null, TimeZoneInfo.Utc, Zhipu));
        var unknown = AlertFields.From(TestData.Alert(companyName: "北京智谱华章科技股份有限公司"), DeliveryContext.Default);

        Assert.Equal(("Zhipu", "北京智谱华章科技股份有限公司"), (known.CompanyEnglish, known.CompanyChinese));
        Assert.Equal(((string?)null, "北京智谱华章科技股份有限公司"), (unknown.CompanyEnglish, unknown.CompanyChinese));
    }
}
