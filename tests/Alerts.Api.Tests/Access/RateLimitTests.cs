using System.Net;

namespace Alerts.Api.Tests.Access;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_while_other_keys_are_unaffected()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Api:RequestsPerWindow"] = "3",
            ["Alerts:Api:RateLimitWindow"] = "00:10:00",
        });
        var busy = await server.NewTenantAsync("busy");
        var quiet = await server.NewTenantAsync("quiet");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.Http.GetAsync("/api/v1/keys")).StatusCode);
        }

        using var limited = await busy.Http.GetAsync("/api/v1/keys");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await quiet.Http.GetAsync("/api/v1/keys")).StatusCode);
    }
}
