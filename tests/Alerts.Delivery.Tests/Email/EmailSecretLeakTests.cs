using Alerts.Delivery.Email;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Email;

/// <summary>Recipient addresses are personal data: logs and results name the channel, never the address.</summary>
public sealed class EmailSecretLeakTests : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "alerts-outbox-leak", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Theory]
    [InlineData("private.person.4821@example.com", "private.person.4821")]
    [InlineData("private.person.4821@", "private.person.4821")]
    [InlineData("Private Person <private.person.4821@example.com>", "private.person.4821")]
    public async Task Addresses_do_not_leak_on_success_or_refusal(string target, string secret)
    {
        var logs = new CapturingLoggerProvider();
        var notifier = new OutboxEmailNotifier(new EmailOptions { OutboxDirectory = _outbox }, logs.CreateLogger<OutboxEmailNotifier>());

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel(target)), CancellationToken.None);

        SecretLeak.AssertNone(result, logs, [target, secret]);
    }

    [Fact]
    public async Task Addresses_do_not_leak_when_the_outbox_fails()
    {
        Directory.CreateDirectory(_outbox);
        var blocker = Path.Combine(_outbox, "file");
        await File.WriteAllTextAsync(blocker, "x");
        var logs = new CapturingLoggerProvider();
        var notifier = new OutboxEmailNotifier(new EmailOptions { OutboxDirectory = blocker }, logs.CreateLogger<OutboxEmailNotifier>());

        var result = await notifier.SendAsync(TestData.Request(TestData.EmailChannel("private.person.4821@example.com")), CancellationToken.None);

        SecretLeak.AssertNone(result, logs, ["private.person.4821"]);
    }
}
