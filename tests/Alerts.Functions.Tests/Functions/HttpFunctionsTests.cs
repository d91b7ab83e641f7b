using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Serialization;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;

namespace Alerts.Functions.Tests.Functions;

[Collection(AzuriteCollection.Name)]
public sealed class HttpFunctionsTests(AzuriteStorage azurite) : IAsyncLifetime
{
    private FunctionsApp _app = null!;

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        _app = await FunctionsApp.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Push_accepts_an_array_queues_each_new_event_once_and_counts_duplicates()
    {
        var body = Triggers.Json(Catalog.Tick(480), Catalog.Tick(496, second: 5));

        var first = await PushAsync(body);
        var again = await PushAsync(body);

        Assert.Equal((202, 2, 0), (first.Status, (int)first.Json!["accepted"]!, (int)first.Json!["duplicates"]!));
        Assert.Equal((202, 0, 2), (again.Status, (int)again.Json!["accepted"]!, (int)again.Json!["duplicates"]!));
        var queued = (await _app.DrainAsync(QueueNames.Events)).Select(m => Triggers.Evaluation(m).EventId).ToList();
        Assert.Equal([Catalog.Tick(480).Id, Catalog.Tick(496, second: 5).Id], queued);
    }

    [Theory]
    [InlineData("", "Malformed event payload")]
    [InlineData("{not json", "Malformed event payload")]
    [InlineData("[{\"kind\":\"priceTick\"}]", "Invalid events; none were accepted")]
    public async Task Push_refuses_a_bad_body_with_a_problem_and_changes_nothing(string body, string title)
    {
        var valid = JsonSerializer.Serialize(Catalog.Tick(480), AlertsJsonContext.Default.MarketEvent);
        var mixed = body.StartsWith('[') ? $"[{valid},{body[1..]}" : body;

        var response = await PushAsync(mixed);

        Assert.Equal(400, response.Status);
        Assert.Equal(title, (string?)response.Json!["title"]);
        Assert.Empty(await _app.DrainAsync(QueueNames.Events));
        Assert.Null(await _app.Store.Events.GetAsync(Catalog.Tick(480).Id, CancellationToken.None));
    }

    [Fact]
    public async Task Health_reports_the_store_and_pending_work()
    {
        await PushAsync(JsonSerializer.Serialize(Catalog.Tick(480), AlertsJsonContext.Default.MarketEvent));
        var request = Triggers.Get();

        var (status, body) = await Triggers.ExecuteAsync(await _app.Function<HttpFunctions>().HealthAsync(request, CancellationToken.None), request, _app.Services);

        var json = JsonNode.Parse(body)!;
        Assert.Equal(200, status);
        Assert.Equal("tables", (string?)json["store"]);
        Assert.Equal(1, (int)json["pendingEvaluations"]!);
        Assert.Equal(0, (int)json["pendingDeliveries"]!);
    }

    private async Task<(int Status, JsonNode? Json)> PushAsync(string body)
    {
        var request = Triggers.Post(body);
        var result = await _app.Function<HttpFunctions>().PushEventsAsync(request, CancellationToken.None);
        var (status, text) = await Triggers.ExecuteAsync(result, request, _app.Services);
        return (status, JsonNode.Parse(text));
    }
}
