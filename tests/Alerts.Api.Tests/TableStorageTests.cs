using System.Net;
using Alerts.Core.Model;

namespace Alerts.Api.Tests;

/// <summary>
/// The API over Azure Table Storage (Azurite): continuation paging and tenant scoping hold on the backend Azure runs.
/// Needs ALERTS_TEST_AZURITE_TABLE_ENDPOINT (tests/test.sh sets it; locally: <c>source .ci/azurite.sh "$PWD"</c>).
/// </summary>
public sealed class TableStorageTests
{
    private const string EndpointVariable = "ALERTS_TEST_AZURITE_TABLE_ENDPOINT";

    /// <summary>Azurite's well-known development account (published in its documentation; not a secret).</summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task Alerts_page_with_continuation_tokens_and_stay_in_their_tenant_on_Table_Storage()
    {
        await using var server = await StartOnTablesAsync();
        var owner = await server.NewTenantAsync("owner");
        var other = await server.NewTenantAsync("other");
        var at = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await server.Store.Alerts.TryAddAsync(Endpoints.AlertsAndDeliveriesTests.NewAlert(owner.TenantId, "a" + i, "zhipu", "r", AnnouncementCategory.Other, at.AddHours(i)), CancellationToken.None);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var (status, page) = await owner.Http.SendAsync(HttpMethod.Get, "/api/v1/alerts?limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page!["items"]!.AsArray().Select(a => (string)a!["id"]!));
            token = (string?)page["continuationToken"];
        }
        while (token is not null);

        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], seen);
        var (_, none) = await other.Http.SendAsync(HttpMethod.Get, "/api/v1/alerts");
        Assert.Empty(none!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.SendAsync(HttpMethod.Get, "/api/v1/alerts/a0")).Status);
    }

    [Fact]
    public async Task Company_search_shows_listing_applications_read_from_Table_Storage()
    {
        await using var server = await StartOnTablesAsync();
        var tenant = await server.NewTenantAsync();
        await Endpoints.ListingApplicationsTests.StoreAsync(server.Store, Sources.Sse.SseIpoReviewParser.Parse(
            await File.ReadAllTextAsync(Sources.Samples.SampleData.PathOf(Sources.Samples.SampleData.SseIpoReviewFile))).Items);

        var zhipu = await Endpoints.ListingApplicationsTests.FindAsync(tenant, "智谱", "zhipu");

        var star = Assert.Single(zhipu["applications"]!.AsArray(), a => (string)a!["exchange"]! == "SSE")!;
        Assert.Equal("科创板", (string)star["board"]!);
        Assert.Equal("已受理", (string)star["status"]!);
    }

    private static Task<ApiServer> StartOnTablesAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        Assert.False(string.IsNullOrWhiteSpace(endpoint), $"{EndpointVariable} is not set: start Azurite with `source .ci/azurite.sh \"$PWD\"`.");
        return ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Tables:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint={endpoint}",
        });
    }
}
