using System.Net;
using System.Text.Json.Nodes;
using Alerts.Api.Subscribers;
using Alerts.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Tests.Subscribers;

/// <summary>People without a key: sign up (double opt-in), confirm, and single-use, short-lived sign-in links.</summary>
public sealed class SubscriberTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Signing_up_mails_only_a_confirmation_and_confirming_creates_the_tenant_with_its_email_channel_and_a_first_key()
    {
        using var anonymous = _server.Client();
        var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", """{"email":" Mei.Lin@Example.com "}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("link", (string)body!["detail"]!, StringComparison.Ordinal);
        Assert.Single(Outbox.Files(_server.DataDirectory, "*.eml"));

        var token = _server.MailedToken("mei.lin@example.com", "/confirm");
        (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/confirm", new JsonObject { ["token"] = token }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        var key = (string)body!["apiKey"]!["key"]!;
        using var tenant = _server.Client(key);
        var (_, channels) = await tenant.SendAsync(HttpMethod.Get, "/api/v1/channels");
        var email = Assert.Single(channels!["items"]!.AsArray());
        Assert.Equal("mei.lin@example.com", (string)email!["target"]!);
        Assert.True((bool)email["enabled"]!);

        // A second click on the same link finds the address confirmed: same tenant, no second key.
        (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/confirm", new JsonObject { ["token"] = token }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["apiKey"]);
        Assert.Single(await _server.Store.Tenants.ListAsync(CancellationToken.None), t => t.Name == "mei.lin@example.com");
    }

    [Theory]
    [InlineData("""{"email":"not-an-address"}""", "email")]
    [InlineData("""{"email":"a@example.com","name":"x"}""", "name")]
    [InlineData("""{}""", "email")]
    public async Task A_bad_sign_up_names_the_field_and_mails_nothing(string request, string field)
    {
        using var anonymous = _server.Client();
        var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, body!["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(Outbox.Files(_server.DataDirectory, "*.eml"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("sign-in token")]
    public async Task An_altered_or_wrong_kind_of_token_confirms_nothing(string kind)
    {
        using var anonymous = _server.Client();
        await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", """{"email":"lee@example.com"}""");
        var genuine = _server.MailedToken("lee@example.com", "/confirm");
        var tokens = _server.Services.GetRequiredService<SignedTokens>();
        var token = kind switch
        {
            "flip" => genuine[..20] + (genuine[20] == 'A' ? 'B' : 'A') + genuine[21..],
            "truncate" => genuine[..^4],
            _ => tokens.Create(SignedTokens.SignIn, TimeSpan.FromMinutes(5), "lee@example.com"),
        };

        var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/confirm", new JsonObject { ["token"] = token }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["errors"]!["token"]);
        Assert.Empty(await _server.Store.Tenants.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_sign_in_link_works_once_even_when_two_clicks_race()
    {
        var accounts = _server.Services.GetRequiredService<SubscriberAccounts>();
        await accounts.SignUpAsync("kai@example.com", CancellationToken.None);
        await accounts.ConfirmAsync(_server.MailedToken("kai@example.com", "/confirm"), CancellationToken.None);
        using var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/sign-in", """{"email":"KAI@example.com"}""")).Status);
        var link = _server.MailedToken("kai@example.com", "/sign-in");

        var clicks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => accounts.SignInAsync(link, CancellationToken.None)));
        Assert.Single(clicks, c => c is not null);
        Assert.Null(await accounts.SignInAsync(link, CancellationToken.None));
    }

    [Fact]
    public async Task Asking_for_a_sign_in_link_for_an_unknown_address_answers_the_same_and_mails_nothing()
    {
        using var anonymous = _server.Client();
        var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/sign-in", """{"email":"stranger@example.com"}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("link", (string)body!["detail"]!, StringComparison.Ordinal);
        Assert.Empty(Outbox.Files(_server.DataDirectory, "*.eml"));
    }

    [Fact]
    public async Task When_the_confirmation_cannot_be_sent_the_person_is_told_to_try_again()
    {
        var blocker = Path.Combine(_server.DataDirectory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the outbox should be");
        await using var broken = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Alerts:OutboxDirectory"] = Path.Combine(blocker, "outbox") });
        using var anonymous = broken.Client();

        var (status, body) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers", """{"email":"mei@example.com"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("try again", (string)body!["errors"]!["email"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_in_link_expires_after_its_lifetime()
    {
        var provider = _server.Services.GetRequiredService<IDataProtectionProvider>();
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new SignedTokens(provider, clock);
        var token = tokens.Create(SignedTokens.SignIn, TimeSpan.FromMinutes(15), "kai@example.com", "nonce");

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(["kai@example.com", "nonce"], tokens.Read(SignedTokens.SignIn, token, 2));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(tokens.Read(SignedTokens.SignIn, token, 2));
        Assert.Null(tokens.Read(SignedTokens.Confirm, token, 2));
    }

    [Fact]
    public async Task Signing_in_purges_the_spent_marks_of_expired_links_and_keeps_those_of_links_that_could_still_work()
    {
        var accounts = _server.Services.GetRequiredService<SubscriberAccounts>();
        var subscribers = _server.Store.Subscribers;
        await accounts.SignUpAsync("kai@example.com", CancellationToken.None);
        await accounts.ConfirmAsync(_server.MailedToken("kai@example.com", "/confirm"), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await subscribers.TrySpendAsync("signin-expired", now.AddHours(-1), now.AddMinutes(-45), CancellationToken.None));
        Assert.True(await subscribers.TrySpendAsync("signin-live", now.AddMinutes(-5), now.AddMinutes(10), CancellationToken.None));
        using var anonymous = _server.Client();
        await anonymous.SendAsync(HttpMethod.Post, "/api/v1/subscribers/sign-in", """{"email":"kai@example.com"}""");
        var link = _server.MailedToken("kai@example.com", "/sign-in");

        Assert.NotNull(await accounts.SignInAsync(link, CancellationToken.None));

        // The expired link's mark is gone (it can be written again); the live one's and the link just used stay spent.
        Assert.True(await subscribers.TrySpendAsync("signin-expired", now, now.AddMinutes(-45), CancellationToken.None));
        Assert.False(await subscribers.TrySpendAsync("signin-live", now, now.AddMinutes(10), CancellationToken.None));
        Assert.Null(await accounts.SignInAsync(link, CancellationToken.None));
    }
}
