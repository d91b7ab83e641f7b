using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Functions;

[Collection(AzuriteCollection.Name)]
public sealed class IngestPricesTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Valid_ticks_are_ingested_and_queued_while_invalid_items_are_logged_and_skipped()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var tick = Catalog.Tick(480);
        var body = Triggers.Json(tick)[..^1] + ",{\"kind\":\"priceTick\"},42]";

        await app.Function<IngestPricesFunction>().RunAsync(Triggers.Message(body), CancellationToken.None);

        Assert.Equal([tick.Id], (await app.DrainAsync(QueueNames.Events)).Select(m => Triggers.Evaluation(m).EventId));
        Assert.Equal(2, app.Logs.AtLeast(LogLevel.Warning).Count(e => e.Message.Contains("skipped an item", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_logged_as_an_error_and_completed()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        await app.Function<IngestPricesFunction>().RunAsync(Triggers.Message("price=496"), CancellationToken.None);

        Assert.Empty(await app.DrainAsync(QueueNames.Events));
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains("not JSON", StringComparison.Ordinal));
    }
}
