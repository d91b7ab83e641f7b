using Alerts.Core.Notifications;
using Alerts.Delivery.Email;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Email;

public sealed class OutboxEmailNotifierTests : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "alerts-outbox-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    private OutboxEmailNotifier Notifier(string? fromName = "Alerts") =>
        new(new EmailOptions { OutboxDirectory = _outbox, From = "alerts@alerts.example.com", FromName = fromName }, _logs.CreateLogger<OutboxEmailNotifier>());

    private EmlReader ReadBack(string deliveryId) => EmlReader.Parse(File.ReadAllBytes(Path.Combine(_outbox, deliveryId + ".eml")));

    [Fact]
    public async Task Writes_a_multipart_message_named_after_the_delivery()
    {
        var request = TestData.Request(TestData.EmailChannel());

        var result = await Notifier().SendAsync(request, CancellationToken.None);

        Assert.Equal(new DeliveryResult.Delivered(null), result);
        Assert.Equal([request.Delivery.Id + ".eml"], Directory.GetFiles(_outbox).Select(Path.GetFileName));
        var eml = ReadBack(request.Delivery.Id);
        Assert.Equal("\"Alerts\" <alerts@alerts.example.com>", eml.Headers["From"]);
        Assert.Equal("analyst@example.com", eml.Headers["To"]);
        Assert.Equal("Tencent Holdings: announcement of annual results", eml.Headers["Subject"]);
        Assert.Equal("Sat, 21 Nov 2026 09:30:00 +0000", eml.Headers["Date"]);
        Assert.Equal($"<{request.Delivery.Id}@alerts.example.com>", eml.Headers["Message-ID"]);
        Assert.Equal("1.0", eml.Headers["MIME-Version"]);
        Assert.Equal("auto-generated", eml.Headers["Auto-Submitted"]);
        Assert.StartsWith("multipart/alternative;", eml.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["text/plain; charset=utf-8", "text/html; charset=utf-8"], eml.Parts.Select(p => p.Headers["Content-Type"]));
        Assert.Contains("Revenue up 8% year on year.", eml.Part("text/plain").Text, StringComparison.Ordinal);
        Assert.Contains("\r\n", eml.Part("text/plain").Text, StringComparison.Ordinal);
        Assert.Contains("<h2 style=", eml.Part("text/html").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_hosts_unsubscribe_links_the_message_carries_one_click_headers_and_the_same_link_in_both_bodies()
    {
        var request = TestData.Request(TestData.EmailChannel());
        var notifier = new OutboxEmailNotifier(
            new EmailOptions { OutboxDirectory = _outbox, From = "alerts@alerts.example.com" }, new DefaultDeliveryContextSource(), new FixedLinks(), _logs.CreateLogger<OutboxEmailNotifier>());

        await notifier.SendAsync(request, CancellationToken.None);

        var eml = ReadBack(request.Delivery.Id);
        var link = $"https://alerts.example.com/api/v1/unsubscribe?token={request.Channel.TenantId}.{request.Channel.Id}";
        Assert.Equal("<" + link + ">", eml.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", eml.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Stop these alerts: " + link, eml.Part("text/plain").Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">Unsubscribe from these alerts</a>", eml.Part("text/html").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_unsubscribe_endpoint_the_message_carries_no_link()
    {
        var request = TestData.Request(TestData.EmailChannel());

        await Notifier().SendAsync(request, CancellationToken.None);

        var eml = ReadBack(request.Delivery.Id);
        Assert.False(eml.Headers.ContainsKey("List-Unsubscribe"));
        Assert.DoesNotContain("unsubscribe", eml.Part("text/plain").Text, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class FixedLinks : IUnsubscribeLinks
    {
        public Uri? For(string tenantId, string channelId) => new($"https://alerts.example.com/api/v1/unsubscribe?token={tenantId}.{channelId}");
    }

    [Fact]
    public async Task Encodes_a_chinese_subject_and_keeps_chinese_bodies_in_utf8()
    {
        var alert = TestData.Alert(headline: "关于公司股票停牌的公告：因筹划重大资产重组事项，公司股票自2026年11月23日开市起停牌", companyName: "贵州茅台");
        var request = TestData.Request(TestData.EmailChannel(), alert);

        await Notifier(fromName: "市场提醒").SendAsync(request, CancellationToken.None);

        var eml = ReadBack(request.Delivery.Id);
        Assert.StartsWith("=?utf-8?B?", eml.Headers["Subject"], StringComparison.Ordinal);
        Assert.Equal("贵州茅台: " + alert.Headline, eml.Subject);
        Assert.Equal("市场提醒 <alerts@alerts.example.com>", EmlReader.DecodeWords(eml.Headers["From"]));
        Assert.All(eml.Raw[..eml.Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n"), line => Assert.True(line.Length <= 78, line));
        Assert.Contains(alert.Headline, eml.Part("text/plain").Text, StringComparison.Ordinal);
        Assert.Contains(alert.Headline, eml.Part("text/html").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escapes_markup_from_the_alert_in_the_html_part()
    {
        var alert = TestData.Alert(headline: "<script>alert(1)</script> results", companyName: "<b>Evil</b> Corp");
        var request = TestData.Request(TestData.EmailChannel(), alert);

        await Notifier().SendAsync(request, CancellationToken.None);

        var html = ReadBack(request.Delivery.Id).Part("text/html").Text;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Evil", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; results", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Evil&lt;/b&gt; Corp", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_headline_cannot_inject_headers()
    {
        var request = TestData.Request(TestData.EmailChannel(), TestData.Alert(headline: "Results\r\nBcc: victim@example.com"));

        await Notifier().SendAsync(request, CancellationToken.None);

        var eml = ReadBack(request.Delivery.Id);
        Assert.False(eml.Headers.ContainsKey("Bcc"));
        Assert.Equal("Tencent Holdings: Results Bcc: victim@example.com", eml.Subject);
    }

    [Fact]
    public async Task Writing_the_same_delivery_twice_leaves_one_unchanged_file()
    {
        var notifier = Notifier();
        var first = TestData.Request(TestData.EmailChannel());

        await notifier.SendAsync(first, CancellationToken.None);
        var written = await File.ReadAllBytesAsync(Path.Combine(_outbox, first.Delivery.Id + ".eml"));
        var again = await notifier.SendAsync(first with { Now = first.Now.AddMinutes(5) }, CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(again);
        Assert.Single(Directory.GetFiles(_outbox));
        Assert.Equal(written, await File.ReadAllBytesAsync(Path.Combine(_outbox, first.Delivery.Id + ".eml")));
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2201);
    }

    [Fact]
    public async Task Concurrent_attempts_of_one_delivery_leave_one_file_and_no_temp_files()
    {
        var notifier = Notifier();
        var request = TestData.Request(TestData.EmailChannel());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => notifier.SendAsync(request, CancellationToken.None))));

        Assert.All(results, r => Assert.IsType<DeliveryResult.Delivered>(r));
        Assert.Equal([request.Delivery.Id + ".eml"], Directory.GetFiles(_outbox).Select(Path.GetFileName));
        Assert.NotNull(ReadBack(request.Delivery.Id));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@example.com\r\nBcc: victim@example.com")]
    [InlineData("Analyst <analyst@example.com>")]
    public async Task A_malformed_address_is_refused_and_nothing_is_written(string target)
    {
        var result = await Notifier().SendAsync(TestData.Request(TestData.EmailChannel(target)), CancellationToken.None);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.Equal("target " + EmailAddress.FormatDescription, permanent.Detail);
        Assert.False(Directory.Exists(_outbox) && Directory.EnumerateFileSystemEntries(_outbox).Any());
    }

    [Fact]
    public async Task An_unwritable_outbox_is_a_retryable_failure()
    {
        Directory.CreateDirectory(_outbox);
        var blocker = Path.Combine(_outbox, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var notifier = new OutboxEmailNotifier(new EmailOptions { OutboxDirectory = blocker }, _logs.CreateLogger<OutboxEmailNotifier>());

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel()), CancellationToken.None);

        Assert.Equal(FailureReason.ServerError, Assert.IsType<DeliveryResult.Retryable>(result).Reason);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2203);
    }

    [Fact]
    public void A_malformed_sender_fails_at_start_up() =>
        Assert.Throws<ArgumentException>(() => new OutboxEmailNotifier(new EmailOptions { From = "Alerts <alerts@example.com>" }, _logs.CreateLogger<OutboxEmailNotifier>()));
}
