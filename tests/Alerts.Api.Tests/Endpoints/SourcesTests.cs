using System.Net;
using Alerts.Core.Ports;

namespace Alerts.Api.Tests.Endpoints;

public sealed class SourcesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_sources_last_poll_success_error_and_next_poll_are_listed_without_its_internals()
    {
        var at = DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await _server.Store.Sources.SaveAsync(
            new SourceStatus
            {
                Source = "hkex-lci", Kind = "hkex-lci", LastPollAt = at, LastSuccessAt = at.AddMinutes(-1), RowsRead = 40, NewEvents = 3,
                LastError = "HTTP 503 from www1.hkexnews.hk", LastErrorAt = at, ConsecutiveFailures = 1, NextPollAt = at.AddMinutes(1), Cursor = "11912345",
            },
            CancellationToken.None);
        await _server.Store.Sources.SaveAsync(new SourceStatus { Source = "csrc-tutoring", Kind = "csrc-tutoring", LastPollAt = at }, CancellationToken.None);
        var tenant = await _server.NewTenantAsync();

        var (status, answer) = await tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/sources");
        using var stranger = _server.Client();
        var anonymous = await stranger.GetAsync("/api/v1/sources");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = answer!["items"]!.AsArray();
        Assert.Equal(["csrc-tutoring", "hkex-lci"], items.Select(i => (string)i!["source"]!));
        var hkex = items[1]!;
        Assert.Equal((40, 3, 1, "HTTP 503 from www1.hkexnews.hk"), ((int)hkex["rowsRead"]!, (int)hkex["newEvents"]!, (int)hkex["consecutiveFailures"]!, (string)hkex["lastError"]!));
        Assert.Equal(at.AddMinutes(1), (DateTimeOffset)hkex["nextPollAt"]!);
        Assert.Null(hkex["cursor"]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
