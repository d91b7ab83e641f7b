using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Handlers;

public sealed class IngestAndEvaluateTests
{
    private static MarketEvent Filing(string id = "1001", string title = "Listing application (Application Proof)") =>
        MarketEvent.Of(Announcement(id, title, [Hkex("02513")], [AnnouncementCategory.ListingApplication], Pipeline.Start));

    [Fact]
    public async Task Ingesting_the_same_event_twice_evaluates_it_once()
    {
        await using var pipeline = await Pipeline.CreateAsync();

        var first = await pipeline.Ingest.HandleAsync(Filing(), CancellationToken.None);
        var second = await pipeline.Ingest.HandleAsync(Filing(), CancellationToken.None);

        Assert.Equal(IngestOutcome.Accepted, first.Outcome);
        Assert.Equal(new EvaluateMessage("hkex:1001"), first.Message);
        Assert.Equal(IngestOutcome.Duplicate, second.Outcome);
        Assert.Null(second.Message);
        Assert.Single(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task Ingesting_an_event_again_after_it_was_evaluated_leaves_no_pending_work()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.IngestAndEvaluateAsync(Filing());

        var again = await pipeline.Ingest.HandleAsync(Filing(), CancellationToken.None);

        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task A_batch_is_ingested_in_event_time_order_and_a_repeat_inside_it_is_a_duplicate()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        MarketEvent[] batch =
        [
            TickEvent("2513.HK", 470m, 400m, Pipeline.Start.AddMinutes(3)),
            MarketEvent.Of(Filing("late", "Results").Announcement! with { PublishedAt = Pipeline.Start.AddMinutes(2) }),
            TickEvent("2513.HK", 460m, 400m, Pipeline.Start.AddMinutes(1)),
            TickEvent("2513.HK", 460m, 400m, Pipeline.Start.AddMinutes(1)),
        ];

        var results = new List<(MarketEvent Event, IngestResult Result)>();
        await foreach (var item in pipeline.Ingest.HandleBatchAsync(batch, parallelism: 8, CancellationToken.None))
        {
            results.Add(item);
        }

        Assert.Equal([Pipeline.Start.AddMinutes(1), Pipeline.Start.AddMinutes(1), Pipeline.Start.AddMinutes(2), Pipeline.Start.AddMinutes(3)], results.Select(r => r.Event.OccurredAt));
        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Duplicate, IngestOutcome.Accepted, IngestOutcome.Accepted], results.Select(r => r.Result.Outcome));
        Assert.Equal(3, (await pipeline.WorkAsync(WorkStage.Evaluate)).Count);
    }

    public static TheoryData<string, MarketEvent> Malformed => new()
    {
        { "no payload", new MarketEvent(MarketEventKind.Announcement, null, null) },
        { "kind disagrees with payload", new MarketEvent(MarketEventKind.PriceTick, Filing().Announcement, null) },
        { "both payloads", new MarketEvent(MarketEventKind.Announcement, Filing().Announcement, Tick("2513.HK", 1m, 1m, Pipeline.Start)) },
        { "id not source:sourceId", MarketEvent.Of(Filing().Announcement! with { Id = "hkex:other" }) },
        { "blank title", MarketEvent.Of(Filing().Announcement! with { Title = " " }) },
        { "blank source id", MarketEvent.Of(Filing().Announcement! with { SourceId = "", Id = "hkex:" }) },
        { "zero price", TickEvent("2513.HK", 0m, 100m, Pipeline.Start) },
        { "negative previous close", TickEvent("2513.HK", 10m, -1m, Pipeline.Start) },
        { "blank symbol", TickEvent(" ", 10m, 10m, Pipeline.Start) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_event_is_rejected_with_a_reason_and_changes_nothing(string because, MarketEvent marketEvent)
    {
        await using var pipeline = await Pipeline.CreateAsync();

        var result = await pipeline.Ingest.HandleAsync(marketEvent, CancellationToken.None);

        Assert.True(IngestOutcome.Rejected == result.Outcome, because);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem));
        Assert.Null(result.Message);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
        if (marketEvent.Announcement is { } announcement)
        {
            Assert.Null(await pipeline.Store.Events.GetAsync(announcement.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Evaluation_creates_one_alert_per_rule_and_one_delivery_per_subscribed_channel()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        var disabled = Pipeline.WebhookChannel("old-hook") with { Enabled = false, DisabledReason = "gone" };
        await pipeline.AddRuleAsync(AnnouncementRule("listings", categories: [AnnouncementCategory.ListingApplication]), Pipeline.EmailChannel(), Pipeline.WebhookChannel(), disabled);
        await pipeline.AddRuleAsync(AnnouncementRule("anything", CompanyScope.Of("智谱")), Pipeline.WebhookChannel());
        await pipeline.AddRuleAsync(AnnouncementRule("results-only", categories: [AnnouncementCategory.Results]), Pipeline.EmailChannel());

        var result = await pipeline.IngestAndEvaluateAsync(Filing());

        Assert.Equal(["anything", "listings"], result.Alerts.Select(a => a.RuleId).Order(StringComparer.Ordinal));
        var listingAlert = result.Alerts.Single(a => a.RuleId == "listings");
        Assert.Equal(StableIds.Alert(Tenant, "listings", "hkex:1001"), listingAlert.Id);
        Assert.Equal("zhipu", listingAlert.CompanyId);
        Assert.Contains("Listing application", listingAlert.Headline, StringComparison.Ordinal);

        string[] expectedDeliveries =
        [
            StableIds.Delivery(listingAlert.Id, "email"),
            StableIds.Delivery(listingAlert.Id, "hook"),
            StableIds.Delivery(StableIds.Alert(Tenant, "anything", "hkex:1001"), "hook"),
        ];
        Assert.Equal(expectedDeliveries.Order(StringComparer.Ordinal), result.Deliveries.Select(d => d.DeliveryId).Order(StringComparer.Ordinal));
        Assert.Equal((2, 3), await pipeline.CountsAsync());
        var stored = await pipeline.DeliveryAsync(expectedDeliveries[0]);
        Assert.Equal(DeliveryStatus.Pending, stored.Status);
        Assert.Equal(ChannelKind.Email, stored.ChannelKind);
        Assert.Equal(3, (await pipeline.WorkAsync(WorkStage.Deliver)).Count);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task With_time_ordered_ids_an_alert_and_its_deliveries_begin_with_the_event_time_and_evaluating_again_creates_nothing_new()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        pipeline.Options = pipeline.Options with { AlertIds = AlertIdLayout.TimeOrdered };
        await pipeline.AddRuleAsync(AnnouncementRule("listings", categories: [AnnouncementCategory.ListingApplication]), Pipeline.EmailChannel(), Pipeline.WebhookChannel());
        var first = await pipeline.IngestAndEvaluateAsync(Filing());
        var counts = await pipeline.CountsAsync();

        var again = await pipeline.Evaluate.HandleAsync(new EvaluateMessage("hkex:1001"), CancellationToken.None);

        var alert = Assert.Single(first.Alerts);
        Assert.Equal(StableIds.Alert(AlertIdLayout.TimeOrdered, Tenant, "listings", "hkex:1001", Pipeline.Start), alert.Id);
        Assert.StartsWith("al_" + Pipeline.Start.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), alert.Id, StringComparison.Ordinal);
        Assert.All(first.Deliveries, delivery => Assert.StartsWith("dl_" + alert.Id[3..15], delivery.DeliveryId, StringComparison.Ordinal));
        Assert.Equal(first.Deliveries, again.Deliveries);
        Assert.Equal((1, 2), counts);
        Assert.Equal(counts, await pipeline.CountsAsync());
    }

    [Fact]
    public async Task After_a_store_moves_to_time_ordered_ids_an_event_it_evaluated_before_gets_its_old_alert_and_a_later_one_a_time_ordered_id()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("listings", categories: [AnnouncementCategory.ListingApplication]), Pipeline.EmailChannel());
        var before = await pipeline.IngestAndEvaluateAsync(Filing());
        pipeline.Options = pipeline.Options with { AlertIds = new AlertIdLayout(Pipeline.Start) };

        var again = await pipeline.Evaluate.HandleAsync(new EvaluateMessage("hkex:1001"), CancellationToken.None);
        var later = await pipeline.IngestAndEvaluateAsync(MarketEvent.Of(
            Announcement("1002", "Listing application (Application Proof)", [Hkex("02513")], [AnnouncementCategory.ListingApplication], Pipeline.Start.AddSeconds(1))));

        Assert.Equal(StableIds.Alert(Tenant, "listings", "hkex:1001"), Assert.Single(again.Alerts).Id);
        Assert.Equal(before.Deliveries, again.Deliveries);
        Assert.Equal(StableIds.Alert(AlertIdLayout.TimeOrdered, Tenant, "listings", "hkex:1002", Pipeline.Start.AddSeconds(1)), Assert.Single(later.Alerts).Id);
        Assert.Equal((2, 2), await pipeline.CountsAsync());
    }

    [Fact]
    public async Task Evaluating_the_same_message_twice_creates_nothing_new()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("once", frequency: Frequency.Once), Pipeline.EmailChannel(), Pipeline.WebhookChannel());
        var first = await pipeline.IngestAndEvaluateAsync(Filing());
        var counts = await pipeline.CountsAsync();
        var stateAfterFirst = await pipeline.Store.RuleStates.GetAsync(Tenant, "once", "zhipu", CancellationToken.None);

        var second = await pipeline.Evaluate.HandleAsync(new EvaluateMessage("hkex:1001"), CancellationToken.None);

        Assert.Equal(first.Alerts.Select(a => a.Id), second.Alerts.Select(a => a.Id));
        Assert.Equal(first.Deliveries, second.Deliveries);
        Assert.Equal(counts, await pipeline.CountsAsync());
        Assert.Equal((1, 2), counts);
        var stateAfterSecond = await pipeline.Store.RuleStates.GetAsync(Tenant, "once", "zhipu", CancellationToken.None);
        Assert.Equal(stateAfterFirst, stateAfterSecond);
    }

    [Fact]
    public async Task A_crash_after_saving_the_state_but_before_the_alert_fires_on_retry_without_duplicates()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("once", frequency: Frequency.Once), Pipeline.EmailChannel());
        var ingested = await pipeline.Ingest.HandleAsync(Filing(), CancellationToken.None);
        pipeline.AlertsOverride = new CrashOnAlert();

        await Assert.ThrowsAsync<IOException>(() => pipeline.Evaluate.HandleAsync(ingested.Message!, CancellationToken.None));
        Assert.Equal((0, 0), await pipeline.CountsAsync());
        Assert.Equal("hkex:1001", (await pipeline.Store.RuleStates.GetAsync(Tenant, "once", "zhipu", CancellationToken.None))!.Value.LastFiredEventId);
        var recovered = await pipeline.RetryDue.HandleAsync(everything: true, CancellationToken.None);
        Assert.Equal([ingested.Message!], recovered.Evaluations);

        pipeline.AlertsOverride = null;
        var retried = await pipeline.Evaluate.HandleAsync(recovered.Evaluations[0], CancellationToken.None);
        var again = await pipeline.Evaluate.HandleAsync(recovered.Evaluations[0], CancellationToken.None);
        var later = await pipeline.IngestAndEvaluateAsync(Filing("1002"));

        Assert.Single(retried.Alerts);
        Assert.Single(retried.Deliveries);
        Assert.Equal(retried.Deliveries, again.Deliveries);
        Assert.Empty(later.Alerts);
        Assert.Equal((1, 1), await pipeline.CountsAsync());
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task A_crash_before_the_evaluate_work_row_is_removed_is_recovered_without_duplicates()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("every"), Pipeline.EmailChannel());
        var ingested = await pipeline.Ingest.HandleAsync(Filing(), CancellationToken.None);
        var first = await pipeline.Evaluate.HandleAsync(ingested.Message!, CancellationToken.None);

        // The worker died before its work row went: the row is put back and the sweep hands the event out again.
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:1001", Pipeline.Start), CancellationToken.None);
        var swept = await pipeline.RetryDue.HandleAsync(everything: false, CancellationToken.None);
        var second = await pipeline.Evaluate.HandleAsync(Assert.Single(swept.Evaluations), CancellationToken.None);

        Assert.Equal(first.Alerts.Single().Id, second.Alerts.Single().Id);
        Assert.Equal(first.Deliveries, second.Deliveries);
        Assert.Equal((1, 1), await pipeline.CountsAsync());
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task A_rule_added_after_an_event_was_evaluated_sees_the_next_event()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        Assert.Empty((await pipeline.IngestAndEvaluateAsync(Filing("1"))).Alerts);

        await pipeline.AddRuleAsync(AnnouncementRule("new"), Pipeline.EmailChannel());

        Assert.Single((await pipeline.IngestAndEvaluateAsync(Filing("2"))).Alerts);
    }

    [Fact]
    public async Task An_evaluate_message_for_an_unknown_event_is_dropped()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.Store.Work.PutAsync(new WorkItem(WorkStage.Evaluate, "hkex:404", Pipeline.Start), CancellationToken.None);

        var result = await pipeline.Evaluate.HandleAsync(new EvaluateMessage("hkex:404"), CancellationToken.None);

        Assert.Empty(result.Alerts);
        Assert.Empty(await pipeline.WorkAsync(WorkStage.Evaluate));
    }

    [Fact]
    public async Task Price_rule_state_survives_between_evaluations_so_a_move_alerts_once()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(MoveRule("move", 5m, MoveDirection.Up), Pipeline.EmailChannel());
        decimal[] prices = [101m, 106m, 107m, 108m, 104m, 105m];

        var fired = new List<int>();
        for (var i = 0; i < prices.Length; i++)
        {
            var result = await pipeline.IngestAndEvaluateAsync(TickEvent("2513.HK", prices[i], 100m, Pipeline.Start.AddMinutes(i)));
            if (result.Alerts.Count > 0)
            {
                fired.Add(i);
            }
        }

        Assert.Equal([1, 5], fired);
    }

    [Fact]
    public async Task A_late_tick_older_than_the_last_one_evaluated_does_not_alert()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(MoveRule("move", 5m, MoveDirection.Up), Pipeline.EmailChannel());
        await pipeline.IngestAndEvaluateAsync(TickEvent("2513.HK", 101m, 100m, Pipeline.Start));
        await pipeline.IngestAndEvaluateAsync(TickEvent("2513.HK", 102m, 100m, Pipeline.Start.AddMinutes(5)));

        var late = await pipeline.IngestAndEvaluateAsync(TickEvent("2513.HK", 107m, 100m, Pipeline.Start.AddMinutes(2)));
        var current = await pipeline.IngestAndEvaluateAsync(TickEvent("2513.HK", 107m, 100m, Pipeline.Start.AddMinutes(6)));

        Assert.Empty(late.Alerts);
        Assert.Single(current.Alerts);
    }

    [Fact]
    public async Task An_expired_rule_does_not_alert()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        await pipeline.AddRuleAsync(AnnouncementRule("expired") with { ExpiresAt = Pipeline.Start }, Pipeline.EmailChannel());

        Assert.Empty((await pipeline.IngestAndEvaluateAsync(Filing())).Alerts);
        Assert.Equal((0, 0), await pipeline.CountsAsync());
    }

    /// <summary>Stands in for a process that dies after the rule state is saved, before the alert is written.</summary>
    private sealed class CrashOnAlert : IAlertRepository
    {
        public Task<bool> TryAddAsync(Alert alert, CancellationToken cancellationToken) => throw new IOException("process killed");

        public Task<Alert?> GetAsync(string tenantId, string alertId, CancellationToken cancellationToken) => throw new IOException("process killed");

        public Task<IReadOnlyList<Alert>> ListAsync(string tenantId, CancellationToken cancellationToken) => throw new IOException("process killed");
    }
}
