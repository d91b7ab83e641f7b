using System.Text.Json;
using Alerts.Sources.Hkex;

namespace Alerts.Sources.Tests.Parsing;

public class FlexibleStringConverterTests
{
    [Theory]
    [InlineData("{\"newsId\":\"12102478\",\"t1Code\":10000,\"t2Code\":\"NaN\"}", 12102478L, "10000", "NaN")]
    [InlineData("{\"newsId\":12102478,\"t1Code\":\"10000\",\"t2Code\":null}", 12102478L, "10000", null)]
    public void Reads_numbers_and_strings_alike(string json, long newsId, string t1, string? t2)
    {
        var row = JsonSerializer.Deserialize(json, HkexJsonContext.Default.HkexLciRow)!;

        Assert.Equal(newsId, row.NewsId);
        Assert.Equal(t1, row.T1Code);
        Assert.Equal(t2, row.T2Code);
    }
}
