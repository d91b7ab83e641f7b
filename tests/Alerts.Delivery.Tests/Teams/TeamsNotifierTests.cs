using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Teams;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Fakes;
using Alerts.Delivery.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Delivery.Tests.Teams;

public class TeamsNotifierTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Posts_an_adaptive_card_in_the_attachments_envelope_and_202_is_delivered()
    {
        await using var teams = await TeamsFake.StartAsync();
        using var harness = new ChatHarness();

        var result = await harness.Teams.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Teams, teams.Workflow()), TestData.Alert(price: 412.6m)), Ct);

        Assert.Equal(new DeliveryResult.Delivered(202), result);
        var message = Assert.Single(teams.Accepted);
        var card = message["attachments"]![0]!["content"]!;
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        Assert.Equal("Tencent Holdings: announcement of annual results", card["body"]![0]!["text"]!.GetValue<string>());
        var facts = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray();
        Assert.Contains(facts, f => f!["title"]!.GetValue<string>() == "Price" && f["value"]!.GetValue<string>().StartsWith("412.6 HKD (+5.25%)", StringComparison.Ordinal));
        Assert.Equal("Action.OpenUrl", card["actions"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_huge_announcement_is_shortened_to_stay_under_teams_size_limit()
    {
        await using var teams = await TeamsFake.StartAsync();
        using var harness = new ChatHarness();
        var alert = TestData.Alert(detail: string.Concat(Enumerable.Repeat("招股说明书（申报稿）全文 ", 6000)));

        var result = await harness.Teams.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Teams, teams.Workflow()), alert), Ct);

        Assert.True(result is DeliveryResult.Delivered, $"{result}; {string.Join(", ", teams.Refusals)}");
        Assert.InRange(Assert.Single(teams.Server.Requests).Body.Length, 1000, TeamsCard.MaxBytes);
    }

    [Fact]
    public void Every_card_has_the_schemas_required_structure_even_with_a_template()
    {
        var fields = AlertFields.From(TestData.Alert(), DeliveryContext.Default);
        var text = ComposedText.Compose(fields, new MessageTemplate(Title: "{{ company }} **{{ title }}**", Body: "{{ detail }}"), out _)!;

        var envelope = TeamsCard.Build(fields, text);

        Assert.Null(TeamsFake.CardProblem(envelope));
        Assert.Equal("Tencent Holdings **Tencent Holdings: announcement of annual results**", envelope["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Throttling_reported_in_the_body_is_read_as_rate_limited_and_the_url_is_left_alone()
    {
        await using var teams = await TeamsFake.StartAsync();
        using var harness = new ChatHarness(options: new ChatOptions { MaxPacingWait = TimeSpan.FromSeconds(1) });
        var channel = ChatHarness.Channel(ChannelKind.Teams, teams.Workflow());
        teams.AnswerNext(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0");

        var result = await harness.Teams.SendAsync(TestData.Request(channel), Ct);
        var next = await harness.Teams.SendAsync(TestData.Request(channel), Ct);

        var retry = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal((FailureReason.RateLimited, TeamsNotifier.ThrottleBackoff), (retry.Reason, retry.RetryAfter));
        Assert.Contains("HTTP error 429", retry.Detail, StringComparison.Ordinal);
        Assert.IsType<DeliveryResult.Retryable>(next);
        Assert.Single(teams.Server.Requests);
    }

    [Fact]
    public async Task Bursts_are_paced_below_four_a_second_so_teams_never_throttles()
    {
        await using var teams = await TeamsFake.StartAsync();
        using var harness = new ChatHarness();
        var channel = ChatHarness.Channel(ChannelKind.Teams, teams.Workflow());

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.Teams.SendAsync(TestData.Request(channel), Ct)));

        Assert.All(results, r => Assert.IsType<DeliveryResult.Delivered>(r));
        Assert.Empty(teams.Refusals);
    }

    [Fact]
    public async Task The_hundred_and_first_card_within_an_hour_waits_for_the_window_instead_of_reaching_teams()
    {
        await using var teams = await TeamsFake.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        teams.Clock = time;
        using var harness = new ChatHarness(time: time);
        var channel = ChatHarness.Channel(ChannelKind.Teams, teams.Workflow());
        for (var i = 0; i < 100; i++)
        {
            Assert.IsType<DeliveryResult.Delivered>(await harness.Teams.SendAsync(TestData.Request(channel), Ct));
            time.Advance(TimeSpan.FromSeconds(30)); // well inside the per-second and per-30-second limits
        }

        var capped = await harness.Teams.SendAsync(TestData.Request(channel), Ct);
        time.Advance(TimeSpan.FromMinutes(10));
        var afterWindow = await harness.Teams.SendAsync(TestData.Request(channel), Ct);

        var retry = Assert.IsType<DeliveryResult.Retryable>(capped);
        Assert.Equal(FailureReason.RateLimited, retry.Reason);
        Assert.Equal(TimeSpan.FromMinutes(10), retry.RetryAfter); // the first card leaves the hour 3,600 s after it was sent
        Assert.Contains("100 messages per 1 hour", retry.Detail, StringComparison.Ordinal);
        Assert.IsType<DeliveryResult.Delivered>(afterWindow);
        Assert.Equal(101, teams.Server.Requests.Count);
        Assert.Empty(teams.Refusals);
    }

    [Theory]
    [InlineData(413, "Request entity too large", false)]
    [InlineData(400, "Bad payload", false)]
    [InlineData(502, "", true)]
    public async Task Refusals_and_outages_are_classified(int status, string body, bool retryable)
    {
        await using var teams = await TeamsFake.StartAsync();
        using var harness = new ChatHarness();
        teams.AnswerNext(status, body);

        var result = await harness.Teams.SendAsync(TestData.Request(ChatHarness.Channel(ChannelKind.Teams, teams.Workflow())), Ct);

        Assert.Equal(retryable, result is DeliveryResult.Retryable);
        Assert.Equal(!retryable, result is DeliveryResult.Permanent { DisableEndpoint: false });
    }
}
