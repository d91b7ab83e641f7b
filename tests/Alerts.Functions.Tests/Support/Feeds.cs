using Alerts.Sources.Samples;
using Alerts.Testing;

namespace Alerts.Functions.Tests.Support;

internal static class Feeds
{
    /// <summary>A loopback HKEX LCI feed serving the bundled English sample (real wire format) on every request.</summary>
    public static async Task<LoopbackServer> HkexAsync()
    {
        var feed = await File.ReadAllBytesAsync(SampleData.PathOf(SampleData.HkexLciEnglishFile));
        return await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(feed);
        });
    }
}
