using System.Net;
using System.Text.RegularExpressions;
using Alerts.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Tests.Page;

/// <summary>The subscriber page over HTTP: headers, anti-forgery, session cookies and their end, API errors by field.</summary>
public sealed partial class PageTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/page.css")]
    [InlineData("/confirm?token=x")]
    public async Task Every_page_answer_carries_the_security_headers(string path)
    {
        using var client = Browser(out _);
        using var response = await client.GetAsync(path);
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        using var client = Browser(out _);
        await client.GetAsync("/"); // the anti-forgery cookie, but no token in the form
        using var response = await client.PostAsync("/sign-up", new FormUrlEncodedContent([new("email", "mei@example.com")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Outbox.Files(_server.DataDirectory, "*.eml"));
    }

    [Fact]
    public async Task A_bad_address_comes_back_with_the_message_next_to_the_field()
    {
        using var client = Browser(out _);
        using var response = await PostFormAsync(client, "/", "/sign-up", ("email", "not-an-address"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<input id=\"email\"[^>]*aria-describedby=\"email-error\"", html);
        Assert.Contains("<p class=\"error\" id=\"email-error\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("alerts.example.com", true)]
    public async Task A_team_key_signs_in_with_an_HttpOnly_SameSite_cookie_that_is_Secure_outside_localhost(string? host, bool secure)
    {
        var team = await _server.NewTenantAsync("Quant desk");
        using var client = Browser(out _, host);
        using var response = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("alerts_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_page_session_it_started()
    {
        var team = await _server.NewTenantAsync("Quant desk");
        using var client = Browser(out _);
        using (var signIn = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        using (var alerts = await client.GetAsync("/alerts"))
        {
            Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        }

        var keyId = team.Key.Split('_')[1];
        Assert.Equal(HttpStatusCode.OK, (await team.Http.SendAsync(HttpMethod.Delete, "/api/v1/keys/" + keyId)).Status);
        using var after = await client.GetAsync("/alerts");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
        Assert.Equal("/", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_emailed_sign_in_link_signs_in_once_and_a_second_use_is_refused()
    {
        var accounts = _server.Services.GetRequiredService<Alerts.Api.Subscribers.SubscriberAccounts>();
        await accounts.SignUpAsync("kai@example.com", CancellationToken.None);
        await accounts.ConfirmAsync(_server.MailedToken("kai@example.com", "/confirm"), CancellationToken.None);
        using var client = Browser(out _);
        using (var asked = await PostFormAsync(client, "/", "/sign-in/email", ("signin-email", "kai@example.com")))
        {
            Assert.Contains("Check your inbox", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = _server.MailedToken("kai@example.com", "/sign-in");
        var link = "/sign-in?token=" + Uri.EscapeDataString(token);
        using (var first = await PostFormAsync(client, link, "/sign-in", ("token", token)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("alerts_session=", StringComparison.Ordinal));
        }

        using var other = Browser(out _);
        using var second = await PostFormAsync(other, link, "/sign-in", ("token", token));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("This link does not work", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_delivery_shows_on_the_alerts_page_and_is_sent_again_from_it_but_another_tenants_is_not()
    {
        var team = await _server.NewTenantAsync("Quant desk");
        var other = await _server.NewTenantAsync("Other desk");
        var at = DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var tenant in new[] { team, other })
        {
            await _server.Store.Alerts.TryAddAsync(Endpoints.AlertsAndDeliveriesTests.NewAlert(tenant.TenantId, "a1", "zhipu", "r1", Core.Model.AnnouncementCategory.ListingApplication, at), CancellationToken.None);
            await _server.Store.Deliveries.TryAddAsync(
                new Core.Model.Delivery(tenant.TenantId, "d1", "a1", "ch", Core.Model.ChannelKind.Webhook, Core.Model.DeliveryStatus.DeadLettered, 8, at, at, LastError: "server error"), CancellationToken.None);
        }

        using var client = Browser(out _);
        using (var signIn = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        using (var page = await client.GetAsync("/alerts"))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Headline a1", html, StringComparison.Ordinal);
            Assert.Contains("class=\"status-DeadLettered\">Failed</span>", html, StringComparison.Ordinal);
        }

        using (var again = await PostFormAsync(client, "/alerts", "/alerts/redeliver", ("delivery", "d1")))
        {
            Assert.Contains("Sending it again", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(Core.Model.DeliveryStatus.Pending, (await _server.Store.Deliveries.GetAsync(team.TenantId, "d1", CancellationToken.None))!.Value.Status);
        Assert.Equal(Core.Model.DeliveryStatus.DeadLettered, (await _server.Store.Deliveries.GetAsync(other.TenantId, "d1", CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task Quiet_hours_chosen_on_the_rules_page_are_kept_and_a_bad_end_is_refused_next_to_its_field()
    {
        var team = await _server.NewTenantAsync("Night desk");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"china-ai","name":"China AI","companies":["Zhipu"]}""");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"hook","name":"Hook","kind":"Webhook","target":"https://hooks.example.com/x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""");
        using var client = Browser(out _);
        using (var signIn = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        (string, string)[] Rule(string until) =>
            [("name", "Night filings"), ("kind", "announcement"), ("watchlist", "china-ai"), ("channelIds", "hook"), ("timeZone", "Asia/Hong_Kong"), ("quietFrom", "22:00"), ("quietUntil", until)];
        using (var refused = await PostFormAsync(client, "/rules", "/rules", Rule("7am")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("id=\"quietUntil-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await _server.Store.Rules.ListAsync(team.TenantId, CancellationToken.None));
        using (var saved = await PostFormAsync(client, "/rules", "/rules", Rule("07:00")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        }

        var subscription = Assert.Single(await _server.Store.Subscriptions.ListAsync(team.TenantId, CancellationToken.None));
        Assert.Equal(new Core.Model.QuietHours("22:00", "07:00"), subscription.QuietHours);
        using var page = await client.GetAsync("/rules");
        Assert.Contains("quiet 22:00–07:00", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_next_to_its_field()
    {
        using var client = Browser(out _);
        using var response = await PostFormAsync(client, "/", "/sign-in/key", ("key", "alk_0123456789ab_not-the-secret"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"key-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("alerts_session=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_behind_the_session_send_strangers_to_the_first_page()
    {
        using var client = Browser(out _);
        foreach (var path in new[] { "/watchlists", "/rules", "/channels", "/alerts" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }
    }

    private HttpClient Browser(out CookieContainer cookies, string? host = null)
    {
        cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }

        return client;
    }

    /// <summary>Opens <paramref name="page"/> and posts one of its forms with the anti-forgery token it carries.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        using var opened = await client.GetAsync(page);
        var html = await opened.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent([new("__antiforgery", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]),
        };

        // With a Host header the cookie container does not send the anti-forgery cookie: copy it over.
        if (client.DefaultRequestHeaders.Host is not null && opened.Headers.TryGetValues("Set-Cookie", out var set))
        {
            request.Headers.Add("Cookie", string.Join("; ", set.Select(c => c.Split(';')[0])));
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
