using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Core.Notifications;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Tests.Support;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests.Webhooks;

public class GenericWebhookNotifierTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Sends_a_signed_standard_webhook_that_verifies_over_the_received_bytes()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var harness = new WebhookHarness();
        var request = TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri));

        var result = await harness.Notifier.SendAsync(request, Ct);

        Assert.Equal(new DeliveryResult.Delivered(204), result);
        var received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/hook", received.PathAndQuery);
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(request.Delivery.Id, received.Header("webhook-id"));
        Assert.Equal(TestData.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), received.Header("webhook-timestamp"));
        Assert.True(WebhookSecret.TryParse(TestData.Secret, out var secret));
        var verification = new WebhookVerifier(secret, new ManualTimeProvider(TestData.Now))
            .Verify(received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Header("webhook-signature"), received.Body);
        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal(AlertPayloadSerializer.Serialize(request.Alert, request.Delivery), received.Body);
        Assert.Equal("alert.fired", JsonDocument.Parse(received.Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_attempt_of_a_delivery_carries_the_same_webhook_id_and_body_with_its_own_timestamp()
    {
        await using var server = await LoopbackServer.StartAsync(500);
        using var harness = new WebhookHarness();
        var channel = TestData.WebhookChannel(server.Url("/hook").AbsoluteUri);
        var first = TestData.Request(channel);
        var second = first with { Now = first.Now.AddMinutes(7) };

        await harness.Notifier.SendAsync(first, Ct);
        await harness.Notifier.SendAsync(second, Ct);

        var (a, b) = (server.Requests[0], server.Requests[1]);
        Assert.Equal(a.Header("webhook-id"), b.Header("webhook-id"));
        Assert.Equal(a.Body, b.Body);
        Assert.NotEqual(a.Header("webhook-timestamp"), b.Header("webhook-timestamp"));
        Assert.True(WebhookSecret.TryParse(TestData.Secret, out var secret));
        Assert.True(new WebhookVerifier(secret, new ManualTimeProvider(second.Now))
            .Verify(b.Header("webhook-id"), b.Header("webhook-timestamp"), b.Header("webhook-signature"), b.Body).IsValid);
    }

    [Fact]
    public async Task Signs_with_both_secrets_while_a_secret_is_rotated()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness();
        var newSecret = WebhookSecret.Generate();
        var request = TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri, newSecret + " " + TestData.Secret));

        Assert.IsType<DeliveryResult.Delivered>(await harness.Notifier.SendAsync(request, Ct));

        var received = Assert.Single(server.Requests);
        Assert.Equal(2, received.Header("webhook-signature")!.Split(' ').Length);
        foreach (var text in new[] { newSecret, TestData.Secret })
        {
            Assert.True(WebhookSecret.TryParse(text, out var secret));
            Assert.True(new WebhookVerifier(secret, new ManualTimeProvider(TestData.Now))
                .Verify(received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Header("webhook-signature"), received.Body).IsValid);
        }
    }

    [Fact]
    public async Task An_edited_channel_is_sent_to_its_new_target_with_its_new_secret()
    {
        await using var before = await LoopbackServer.StartAsync(204);
        await using var after = await LoopbackServer.StartAsync(204);
        using var harness = new WebhookHarness();
        var channel = TestData.WebhookChannel(before.Url("/hook").AbsoluteUri);
        var rotated = WebhookSecret.Generate();
        var edited = channel with { Target = after.Url("/moved").AbsoluteUri, Secret = rotated };

        Assert.IsType<DeliveryResult.Delivered>(await harness.Notifier.SendAsync(TestData.Request(channel), Ct));
        Assert.IsType<DeliveryResult.Delivered>(await harness.Notifier.SendAsync(TestData.Request(edited), Ct));

        Assert.Single(before.Requests);
        var received = Assert.Single(after.Requests);
        Assert.Equal("/moved", received.PathAndQuery);
        Assert.True(WebhookSecret.TryParse(rotated, out var secret));
        Assert.True(new WebhookVerifier(secret, new ManualTimeProvider(TestData.Now))
            .Verify(received.Header("webhook-id"), received.Header("webhook-timestamp"), received.Header("webhook-signature"), received.Body).IsValid);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public async Task Any_2xx_is_delivered(int status)
    {
        var result = await SendToServerAnswering(status);

        Assert.Equal(new DeliveryResult.Delivered(status), result);
    }

    [Theory]
    [InlineData(500, FailureReason.ServerError)]
    [InlineData(502, FailureReason.ServerError)]
    [InlineData(503, FailureReason.ServerError)]
    [InlineData(504, FailureReason.ServerError)]
    [InlineData(408, FailureReason.Timeout)]
    [InlineData(429, FailureReason.RateLimited)]
    public async Task Server_errors_throttling_and_408_are_retryable(int status, FailureReason reason)
    {
        var result = await SendToServerAnswering(status);

        var retryable = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal(reason, retryable.Reason);
        Assert.Equal(status, retryable.Code);
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_retried_no_sooner_than_asked()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7";
            return Task.CompletedTask;
        });
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);

        var retryable = Assert.IsType<DeliveryResult.Retryable>(result);
        Assert.Equal(FailureReason.RateLimited, retryable.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), retryable.RetryAfter);
    }

    [Fact]
    public async Task A_retry_after_date_is_measured_from_the_attempts_clock()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = TestData.Now.AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<DeliveryResult.Retryable>(result).RetryAfter);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint()
    {
        var result = await SendToServerAnswering(410);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.Gone, permanent.Reason);
        Assert.True(permanent.DisableEndpoint);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task Other_4xx_are_permanent_but_keep_the_endpoint(int status)
    {
        var result = await SendToServerAnswering(status);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.Rejected, permanent.Reason);
        Assert.False(permanent.DisableEndpoint);
        Assert.Equal(status, permanent.Code);
    }

    [Fact]
    public async Task The_response_body_is_kept_as_a_short_diagnostic()
    {
        var result = await SendToServerAnswering(400, "invalid_payload");

        Assert.Equal("HTTP 400: invalid_payload", Assert.IsType<DeliveryResult.Permanent>(result).Detail);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirects_are_not_followed_and_fail_permanently(int status)
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);

        Assert.Equal(FailureReason.Redirected, Assert.IsType<DeliveryResult.Permanent>(result).Reason);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_that_hangs_past_the_timeout_is_a_retryable_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The notifier gave up and closed the connection.
            }
        });
        using var harness = new WebhookHarness(timeout: TimeSpan.FromMilliseconds(300));
        var started = TimeProvider.System.GetTimestamp();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);

        Assert.Equal(FailureReason.Timeout, Assert.IsType<DeliveryResult.Retryable>(result).Reason);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_mistaken_for_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var harness = new WebhookHarness();
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), shutdown.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_retryable_network_failure()
    {
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel($"http://127.0.0.1:{ClosedPort()}/hook")), Ct);

        Assert.Equal(FailureReason.Network, Assert.IsType<DeliveryResult.Retryable>(result).Reason);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("hooks.example.com/alerts")]
    [InlineData("")]
    public async Task A_malformed_target_is_refused_without_sending(string target)
    {
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(target)), Ct);

        Assert.Equal(FailureReason.InvalidTarget, Assert.IsType<DeliveryResult.Permanent>(result).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("whsec_tooShort")]
    [InlineData("plain-password")]
    public async Task A_channel_without_a_valid_secret_is_refused_without_sending(string? secret)
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness();

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri, secret)), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.StartsWith("secret ", permanent.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Loopback_targets_are_refused_when_not_allow_listed()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness(policy: new EndpointPolicyOptions { RequireHttps = false });

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.Equal("target must not point at a loopback address (127.0.0.1)", permanent.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_host_name_is_judged_by_what_it_resolves_to_at_send_time()
    {
        // The machine's own name passes the static check (it is not an address or "localhost") but resolves to a
        // loopback or private address, which the connect step must refuse.
        var hostName = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(hostName, Ct);
        if (addresses.Length == 0 || addresses.Any(a => AddressRanges.Classify(a) == AddressClass.Public)
            || hostName.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return; // Nothing to prove on a machine whose name is public.
        }

        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness(policy: new EndpointPolicyOptions { RequireHttps = false });
        var target = new UriBuilder(server.Url("/hook")) { Host = hostName }.Uri;
        Assert.True(harness.Policy.Validate(target).IsAllowed);

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(target.AbsoluteUri)), Ct);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.StartsWith("target must not point at", permanent.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Localhost_goes_through_when_its_address_is_allow_listed()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var harness = new WebhookHarness();
        var target = new UriBuilder(server.Url("/hook")) { Host = "localhost" }.Uri;

        var result = await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(target.AbsoluteUri)), Ct);

        Assert.Equal(new DeliveryResult.Delivered(200), result);
    }

    [Fact]
    public async Task Logs_the_outcome_with_ids_and_the_host_only()
    {
        await using var server = await LoopbackServer.StartAsync(503);
        using var harness = new WebhookHarness();
        var request = TestData.Request(TestData.WebhookChannel(server.Url("/hooks/abcdefghijklmnop").AbsoluteUri));

        await harness.Notifier.SendAsync(request, Ct);

        var entry = Assert.Single(harness.Logs.Entries);
        Assert.Equal(2101, entry.EventId.Id);
        Assert.Equal("127.0.0.1", entry.Properties["Host"]);
        Assert.Equal(request.Delivery.Id, entry.Properties["DeliveryId"]);
        Assert.Equal(request.Alert.Id, entry.Properties["AlertId"]);
        Assert.Equal(request.Channel.Id, entry.Properties["ChannelId"]);
        Assert.Equal("t1", entry.Properties["TenantId"]);
        Assert.Equal("ServerError", entry.Properties["Reason"]);
    }

    private static async Task<DeliveryResult> SendToServerAnswering(int status, string body = "")
    {
        await using var server = await LoopbackServer.StartAsync(status, body);
        using var harness = new WebhookHarness();
        return await harness.Notifier.SendAsync(TestData.Request(TestData.WebhookChannel(server.Url("/hook").AbsoluteUri)), Ct);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
