namespace Alerts.Host.Tests.EndToEnd;

/// <summary>The seed story through the real executable: every moment delivered once to each subscriber (email, webhook, Slack, Teams), and a second run delivers nothing.</summary>
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-demo-").FullName;

    private string Outbox => Path.Combine(_work, "data", "outbox");

    [Fact]
    public async Task Demo_delivers_each_moment_once_to_each_subscriber_and_a_second_run_delivers_nothing()
    {
        var first = await AlertsProcess.RunAsync(_work, null, "demo");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Alerts raised: 7. Deliveries: 20.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Slack team received 2 message(s):", first.Output, StringComparison.Ordinal);
        Assert.Contains("2513.HK 488 HKD (+21.39% vs 402)", first.Output, StringComparison.Ordinal); // the quant desk's own wording
        Assert.Contains("Teams team received 5 message(s):", first.Output, StringComparison.Ordinal);
        Assert.Contains("Webhook endpoint received 7 request(s); 7 with a valid signature.", first.Output, StringComparison.Ordinal);
        foreach (var moment in new[]
        {
            "Zhipu: Proposed Issuance of A Shares and Listing on the Sci-Tec",
            "MiniMax: Voluntary Announcement - Proposed Issuance of A Shares",
            "关于北京智谱华章科技股份有限公司首次公开发行股票并上市辅导工作总结报告",
            "Completion of IPO Tutoring",
            "北京智谱华章科技股份有限公司 科创板IPO: 已受理",
            "Zhipu (2513.HK) crossed above HKD 450.00: HKD 455.00",
            "Zhipu (2513.HK) moved +21.39% (threshold 20%): HKD 488.00",
        })
        {
            Assert.Contains(moment, first.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Tencent", first.Output, StringComparison.Ordinal); // unrelated filings raise nothing
        var emails = Directory.GetFiles(Outbox, "*.eml");
        Assert.Equal(6, emails.Length); // Mei: five filings and the 20% jump; the level rule goes to the team only
        Assert.All(emails, file => Assert.Contains("To: mei.chen@example.com", File.ReadAllText(file), StringComparison.OrdinalIgnoreCase));

        var second = await AlertsProcess.RunAsync(_work, null, "demo");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Nothing new: all 29 events had been processed by an earlier run", second.Output, StringComparison.Ordinal);
        Assert.Contains("Webhook endpoint received 0 request(s)", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("team received", second.Output, StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(Outbox, "*.eml").Length);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
