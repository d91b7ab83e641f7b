using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Tests.Conformance;

/// <summary>Source status rows on every backend: what <c>alerts sources status</c> reads back after polls.</summary>
public abstract class SourceStatusConformance
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IEntityStore> CreateEntityStoreAsync();

    [Fact]
    public async Task A_status_is_saved_replaced_and_listed_per_source()
    {
        var sources = (await AlertStore.CreateAsync(await CreateEntityStoreAsync(), CancellationToken.None)).Sources;
        var failed = new SourceStatus
        {
            Source = "hkex-lci-en", Kind = "hkex-lci", LastPollAt = Now, LastError = "RateLimited: www1.hkexnews.hk: HTTP 429", LastErrorAt = Now,
            ConsecutiveFailures = 1, NextPollAt = Now.AddMinutes(2), Since = Now.AddDays(-1),
        };

        await sources.SaveAsync(failed, CancellationToken.None);
        await sources.SaveAsync(failed with { Source = "tencent/quotes:1", Kind = "tencent-quotes" }, CancellationToken.None);
        await sources.SaveAsync(failed with { LastSuccessAt = Now.AddMinutes(2), RowsRead = 412, NewEvents = 3, ConsecutiveFailures = 0 }, CancellationToken.None);

        var read = await sources.GetAsync("hkex-lci-en", CancellationToken.None);
        Assert.Equal(failed with { LastSuccessAt = Now.AddMinutes(2), RowsRead = 412, NewEvents = 3, ConsecutiveFailures = 0 }, read);
        Assert.Equal(["hkex-lci-en", "tencent/quotes:1"], (await sources.ListAsync(CancellationToken.None)).Select(s => s.Source).Order());
        Assert.Null(await sources.GetAsync("never-polled", CancellationToken.None));
    }

    [Fact]
    public async Task A_cursor_as_large_as_an_ipo_pipeline_baseline_round_trips()
    {
        var sources = (await AlertStore.CreateAsync(await CreateEntityStoreAsync(), CancellationToken.None)).Sources;
        // The HKEX pipeline keeps 8 bytes per application in base64: 5,000 applications are about 53,000 characters.
        var bytes = new byte[5000 * 8];
        new Random(7).NextBytes(bytes);
        var cursor = "hkex-app/1\ninactive " + Convert.ToBase64String(bytes);
        var status = new SourceStatus { Source = "hkex-app", Kind = "hkex-app", LastPollAt = Now, Cursor = cursor };

        await sources.SaveAsync(status, CancellationToken.None);
        await sources.SaveAsync(status with { LastPollAt = Now.AddMinutes(10) }, CancellationToken.None);

        Assert.Equal(cursor, (await sources.GetAsync("hkex-app", CancellationToken.None))!.Cursor);
    }
}
