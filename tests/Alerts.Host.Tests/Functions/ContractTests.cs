using System.Net;
using System.Text.Json.Nodes;
using Alerts.Core.Ports;
using Alerts.Host.Functions;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>
/// The published handler, started as the Functions host starts it, answering invocation requests shaped exactly as the
/// reference documents them, for every function in the registry.
/// </summary>
[Collection(PublishedHandlerCollection.Name)]
public sealed class ContractTests(PublishedHandler published, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Every_registered_function_answers_a_host_shaped_invocation_with_the_envelope()
    {
        await using var scenario = await Scenario.StartAsync(published, output);
        Assert.True(scenario.Handler.Startup < TimeSpan.FromSeconds(30), $"start-up took {scenario.Handler.Startup}");

        foreach (var function in FunctionRegistry.All)
        {
            var payload = function.Trigger switch
            {
                TriggerKind.Timer => HostPayloads.Timer(function.Name, scheduleStatus: false),
                TriggerKind.ServiceBus => HostPayloads.ServiceBus(function.Name, Body(function)),
                _ => HostPayloads.Http(function.Name, function.Methods![0].ToUpperInvariant(), function.Route!, function.Name == "PushEvents" ? Contract.Json(Contract.Tick("0100.HK", 10, 10, Now)) : null),
            };

            var response = Contract.AssertEnvelope(published, function.Name, await scenario.Handler.InvokeAsync(function.Name, payload));
            foreach (var queue in function.Outputs)
            {
                Assert.True(response.Outputs.ContainsKey(queue.BindingName), $"{function.Name} did not return output {queue.BindingName}: {response.Text}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PollSources_polls_every_source_and_a_failing_one_does_not_stop_the_healthy_one(bool scheduleStatus)
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(published.Executable)!, "Samples", "lcisehk1relsde_1.json"));
        await using var feed = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = request.PathAndQuery.Contains("broken", StringComparison.Ordinal) ? 503 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(context.Response.StatusCode == 200 ? sample : []);
        });
        await using var scenario = await Scenario.StartAsync(published, output, settings: new Dictionary<string, string?>
        {
            ["Alerts__PollSources"] = "true",
            ["Alerts__Sources__0__Name"] = "hkex-fake",
            ["Alerts__Sources__0__Kind"] = "hkex-lci",
            ["Alerts__Sources__0__Url"] = feed.Url("ncms/json/eds/lcisehk1relsde_1.json").AbsoluteUri,
            ["Alerts__Sources__1__Name"] = "hkex-broken",
            ["Alerts__Sources__1__Kind"] = "hkex-lci",
            ["Alerts__Sources__1__Url"] = feed.Url("broken/lcisehk1relsde_1.json").AbsoluteUri,
        });

        var first = Contract.AssertEnvelope(published, "PollSources", await scenario.Handler.InvokeAsync("PollSources", HostPayloads.Timer("PollSources", scheduleStatus)));
        var again = Contract.AssertEnvelope(published, "PollSources", await scenario.Handler.InvokeAsync("PollSources", HostPayloads.Timer("PollSources", scheduleStatus, pastDue: true)));

        var events = first.Messages("events");
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.StartsWith("hkex", (string)e["eventId"]!, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(first.Logs, l => l.StartsWith("hkex-broken: poll failed", StringComparison.Ordinal));
        Assert.Empty(again.Messages("events")); // the same feed again: every item is a duplicate
        Assert.Contains("timer is past due", again.Logs);
        Assert.Equal(4, feed.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RetryDue_resends_pending_work_that_is_due(bool scheduleStatus)
    {
        await using var scenario = await Scenario.StartAsync(published, output, settings: new Dictionary<string, string?> { ["Alerts__RedeliveryGrace"] = "00:00:00" });
        var pushed = await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", Contract.Json(Contract.Tick("2513.HK", 100, 100, Now))));
        var eventId = (string)Assert.Single(pushed.Messages("events"))["eventId"]!;

        var swept = Contract.AssertEnvelope(published, "RetryDue", await scenario.Handler.InvokeAsync("RetryDue", HostPayloads.Timer("RetryDue", scheduleStatus)));

        Assert.Equal(eventId, (string)Assert.Single(swept.Messages("events"))["eventId"]!);
        Assert.Empty(swept.Messages("deliveries"));
    }

    [Theory]
    [InlineData(BodyEncoding.Twice, "\"1\"")]
    [InlineData(BodyEncoding.Once, "\"1\"")]
    [InlineData(BodyEncoding.Binary, "1")]
    [InlineData(BodyEncoding.Raw, "1")]
    public async Task IngestPrices_accepts_one_event_or_an_array_in_every_body_encoding(BodyEncoding encoding, string deliveryCount)
    {
        await using var scenario = await Scenario.StartAsync(published, output);
        var single = Contract.Tick("2513.HK", 101, 100, Now);
        var batch = Contract.Json(Contract.Tick("0100.HK", 50, 49, Now), Contract.Tick("0100.HK", 51, 49, Now.AddSeconds(5)));

        var one = await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", Contract.Json(single), encoding, JsonNode.Parse(deliveryCount)));
        var many = await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", batch, encoding, JsonNode.Parse(deliveryCount)));
        var repeated = await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", batch, encoding, JsonNode.Parse("\"2\"")));

        Assert.Equal(single.Id, (string)Assert.Single(Contract.AssertEnvelope(published, "IngestPrices", one).Messages("events"))["eventId"]!);
        Assert.Equal(2, Contract.AssertEnvelope(published, "IngestPrices", many).Messages("events").Count);
        Assert.Empty(Contract.AssertEnvelope(published, "IngestPrices", repeated).Messages("events")); // redelivered: already ingested
    }

    [Fact]
    public async Task IngestPrices_skips_invalid_items_and_keeps_the_valid_ones()
    {
        await using var scenario = await Scenario.StartAsync(published, output);
        var valid = Contract.Tick("2513.HK", 101, 100, Now);
        var body = $"[{Contract.Json(valid)},{{\"kind\":\"priceTick\"}},42,{Contract.Json(Contract.Tick("2513.HK", -5, 100, Now.AddSeconds(1)))}]";

        var response = Contract.AssertEnvelope(published, "IngestPrices", await scenario.Handler.InvokeAsync("IngestPrices", HostPayloads.ServiceBus("IngestPrices", body)));

        Assert.Equal(valid.Id, (string)Assert.Single(response.Messages("events"))["eventId"]!);
        Assert.Contains(response.Logs, l => l.StartsWith("item [1] rejected: event must have kind", StringComparison.Ordinal));
        Assert.Contains(response.Logs, l => l.StartsWith("item [2] skipped: expected a JSON object", StringComparison.Ordinal));
        Assert.Contains(response.Logs, l => l.StartsWith("item [3] rejected: tick.price must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushEvents_answers_202_through_res_and_sends_the_accepted_events_to_the_queue()
    {
        await using var scenario = await Scenario.StartAsync(published, output);
        var ticks = Contract.Json(Contract.Tick("2513.HK", 101, 100, Now), Contract.Tick("0100.HK", 50, 49, Now));

        var first = Contract.AssertEnvelope(published, "PushEvents", await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", ticks)));
        var again = Contract.AssertEnvelope(published, "PushEvents", await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", ticks)));

        Assert.Equal(202, (int)first.Res["statusCode"]!);
        Assert.Equal("application/json", (string?)first.Res["headers"]!["Content-Type"]);
        Assert.Equal(2, (int)first.Res["body"]!["accepted"]!);
        Assert.Equal(2, first.Messages("events").Count);
        Assert.Equal(2, (int)again.Res["body"]!["duplicates"]!);
        Assert.Empty(again.Messages("events"));
    }

    [Theory]
    [InlineData("{not json", "Malformed event payload")]
    [InlineData("", "Malformed event payload")]
    [InlineData("{\"kind\":\"priceTick\",\"tick\":{\"symbol\":\"\",\"price\":1,\"previousClose\":1,\"volume\":1,\"time\":\"2025-01-01T00:00:00Z\",\"currency\":\"HKD\",\"source\":\"x\"}}", "Invalid events; none were accepted")]
    public async Task PushEvents_answers_a_400_problem_for_a_bad_body_and_changes_nothing(string body, string title)
    {
        await using var scenario = await Scenario.StartAsync(published, output);

        var response = Contract.AssertEnvelope(published, "PushEvents", await scenario.Handler.InvokeAsync("PushEvents", HostPayloads.Http("PushEvents", "POST", "events", body)));

        Assert.Equal(400, (int)response.Res["statusCode"]!);
        Assert.Equal("application/problem+json", (string?)response.Res["headers"]!["Content-Type"]);
        Assert.Equal(title, (string?)response.Res["body"]!["title"]);
        Assert.Empty(response.Messages("events"));
        var store = await scenario.OpenStoreAsync();
        Assert.Empty(await ToListAsync(store.Work.ListAsync(WorkStage.Evaluate, CancellationToken.None)));
    }

    [Fact]
    public async Task Health_answers_200_json_through_res()
    {
        await using var scenario = await Scenario.StartAsync(published, output);

        var response = Contract.AssertEnvelope(published, "Health", await scenario.Handler.InvokeAsync("Health", HostPayloads.Http("Health", "GET", "health", null)));

        Assert.Equal(200, (int)response.Res["statusCode"]!);
        Assert.Equal("healthy", (string?)response.Res["body"]!["status"]);
        Assert.Equal("sqlite", (string?)response.Res["body"]!["store"]);
    }

    [Theory]
    [InlineData("IngestPrices")]
    [InlineData("EvaluateEvent")]
    [InlineData("DeliverAlert")]
    public async Task A_body_that_cannot_be_decoded_is_dropped_with_200_a_log_entry_and_an_error_line(string function)
    {
        await using var scenario = await Scenario.StartAsync(published, output);

        var garbage = await scenario.Handler.InvokeAsync(function, HostPayloads.ServiceBus(function, "this is not json", messageId: "msg-garbage"));
        var wrongShape = await scenario.Handler.InvokeAsync(function, HostPayloads.ServiceBus(function, "{\"unexpected\":true}", messageId: "msg-shape"));

        foreach (var response in new[] { garbage, wrongShape })
        {
            Contract.AssertEnvelope(published, function, response);
            Assert.Empty(response.Outputs);
            Assert.Contains(response.Logs, l => l.Contains("dropped", StringComparison.Ordinal) && l.Contains("Retrying cannot fix", StringComparison.Ordinal));
        }

        await WaitForAsync(() => scenario.Handler.Output.Contains("msg-shape", StringComparison.Ordinal));
        Assert.Contains(scenario.Handler.Output.Split('\n'), l => l.StartsWith("ERR ", StringComparison.Ordinal) && l.Contains("msg-garbage", StringComparison.Ordinal) && l.Contains(function, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_that_is_not_an_invocation_envelope_gets_a_400_json_object()
    {
        await using var scenario = await Scenario.StartAsync(published, output);

        var response = await scenario.Handler.PostRawAsync("EvaluateEvent", "not json at all");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.NotNull(response.Envelope["Outputs"]);
    }

    internal static string Body(FunctionDefinition function) => function.Name switch
    {
        "IngestPrices" => Contract.Json(Contract.Tick("2513.HK", 101, 100, Now)),
        "EvaluateEvent" => "{\"eventId\":\"test-feed:2513.HK:1\"}",
        "DeliverAlert" => "{\"tenantId\":\"acme\",\"deliveryId\":\"d-unknown\"}",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function.Name),
    };

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>Waits for the child's asynchronous output pipe (log lines arrive shortly after the response).</summary>
    internal static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the condition was not met within 5 s");
    }
}
