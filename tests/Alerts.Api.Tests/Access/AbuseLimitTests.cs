using System.Net;
using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Api.Tests.Access;

public sealed class AbuseLimitTests
{
    private static string SignUp(string email) => new JsonObject { ["email"] = email }.ToJsonString();

    private static int MailsTo(ApiServer server, string to) =>
        Outbox.Files(server.DataDirectory, "account-*.eml").Count(f => Outbox.Header(File.ReadAllText(f), "To") == to);

    [Fact]
    public async Task An_address_gets_a_few_account_emails_an_hour_and_the_answer_never_changes()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Alerts:Api:MailsPerAddressPerWindow"] = "2" });
        using var anonymous = server.Client();

        var answers = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", SignUp("target@example.com"));
            answers.Add((status, (string?)body!["detail"]));
        }

        await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", SignUp("someone.else@example.com"));

        Assert.Single(answers.Distinct()); // the same 202 and words whether or not a mail went out
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
        Assert.Equal(2, MailsTo(server, "target@example.com"));
        Assert.Equal(1, MailsTo(server, "someone.else@example.com"));
    }

    [Fact]
    public async Task One_client_hammering_the_keyless_endpoints_gets_429_with_retry_after_and_nothing_more_is_mailed()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Alerts:Api:PublicRequestsPerWindow"] = "3" });
        using var anonymous = server.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", SignUp($"person{i}@example.com"))).Status);
        }

        using var refused = await anonymous.PostAsync("/api/v1/subscribers/sign-in", new StringContent(SignUp("person0@example.com"), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(3, Outbox.Files(server.DataDirectory, "account-*.eml").Count());
    }

    [Fact]
    public async Task A_channel_tested_too_often_is_not_sent_to_and_says_when_to_try_again()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Alerts:Api:TestSendsPerChannelPerWindow"] = "2" });
        await using var receiver = await LoopbackServer.StartAsync(200);
        var tenant = await server.NewTenantAsync();
        await tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", new JsonObject
        {
            ["id"] = "hook", ["name"] = "Hook", ["kind"] = "Webhook", ["target"] = receiver.Url("/in").ToString(), ["secret"] = Delivery.Webhooks.WebhookSecret.Generate(),
        }.ToJsonString());

        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, result) = await tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels/hook/test");
            outcomes.Add((string)result!["outcome"]!);
        }

        Assert.Equal(["Delivered", "Delivered", "Retryable"], outcomes);
        Assert.Equal(2, receiver.Requests.Count);
    }
}
