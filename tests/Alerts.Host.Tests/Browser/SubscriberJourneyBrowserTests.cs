using System.Globalization;
using System.Net;
using Alerts.Core.Model;
using Alerts.Host.Tests.EndToEnd;
using Alerts.Sources.Samples;
using Alerts.Sources.Sse;
using Alerts.Testing;
using Microsoft.Playwright;

namespace Alerts.Host.Tests.Browser;

/// <summary>
/// The subscriber page in a real browser (Debian's chromium driven by Playwright, JavaScript off) against a started
/// <c>alerts run</c>: sign up, confirm from the outbox, build a watchlist by typing 智谱 (the match shows the STAR Market
/// application the SSE pipeline reported), add a Slack channel at a loopback fake and test it, choose filings in plain words,
/// push an event, see the alert delivered, unsubscribe by the email's link, remove the Slack channel after confirming.
/// Every page is saved at desktop and phone width under artifacts/test-results/screenshots.
/// </summary>
public sealed class SubscriberJourneyBrowserTests : IDisposable
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 900), ("phone", 390, 844)];
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-browser-").FullName;
    private readonly string _shots = Path.Combine(AlertsProcess.RepositoryRoot, "artifacts", "test-results", "screenshots");

    [ChromiumFact]
    public async Task A_person_signs_up_builds_a_watchlist_gets_an_alert_on_slack_and_unsubscribes_by_the_emails_link()
    {
        await using var slack = await LoopbackServer.StartAsync(200, "ok");
        var data = Path.Combine(_work, "data");
        await using var service = await RunningService.StartAsync(_work, CatalogFiles.Environment(data));
        var site = $"http://127.0.0.1:{service.Port.ToString(CultureInfo.InvariantCulture)}";
        Directory.CreateDirectory(_shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Chromium, Headless = true, Args = ["--no-sandbox"] });
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();

        // Sign up: the first screen a newcomer sees.
        var home = await page.GotoAsync(site + "/");
        Assert.Equal(200, home!.Status);
        var headers = await home.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        await ShotAsync(page, "01-sign-up");
        await page.GetByLabel("Email address").First.FillAsync("Mei.Lin@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page, "Check your inbox");
        await ShotAsync(page, "02-check-inbox");

        // The confirmation link from the outbox; the cookie that follows is HttpOnly and SameSite.
        var confirmation = await File.ReadAllTextAsync(Assert.Single(Outbox.Files(data, "account-*.eml")));
        Assert.Equal("mei.lin@example.com", Outbox.Header(confirmation, "To"));
        await page.GotoAsync(Outbox.Link(Outbox.Text(confirmation), "/confirm").AbsoluteUri);
        await ShotAsync(page, "03-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page, "Your address is confirmed");
        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "alerts_session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        // The SSE review list reports Zhipu's STAR Market application (the bundled sample, through the real parser), pushed
        // through the running service; a search by 智谱 then shows the HKEX listing and the application with its status.
        var application = SseIpoReviewParser.Parse(await File.ReadAllTextAsync(SampleData.PathOf(SampleData.SseIpoReviewFile))).Items
            .Single(a => a.Issuers.Any(i => i.Name == "北京智谱华章科技股份有限公司"));
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([MarketEvent.Of(application)]));
        await page.GetByLabel("Code, symbol or name, in English or Chinese").FillAsync("智谱");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results, "Zhipu");
        await Expect(results, "HKEX 02513 (2513.HK, HKD)");
        await Eventually.HoldsAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await page.GetByRole(AriaRole.List, new() { Name = "Listing applications of Zhipu" }).CountAsync() == 1;
            },
            service.Process);
        var applications = page.GetByRole(AriaRole.List, new() { Name = "Listing applications of Zhipu" });
        await Expect(applications, "SSE STAR Market (科创板) · 已受理 · 29 Sep 2026");
        await ShotAsync(page, "04-search-with-star-application");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Zhipu to my watchlist" }).ClickAsync();
        await Expect(page.Locator("#mine ~ ul"), "Zhipu");
        await ShotAsync(page, "05-watchlist");

        // A Slack channel at the loopback fake, and a test send that says what happened.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Channels" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Team Slack");
        await page.GetByLabel("Kind").SelectOptionAsync("Slack");
        await page.GetByLabel("Webhook URL, or email address").FillAsync(slack.BaseAddress + "services/T0/B0/secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test to Team Slack" }).ClickAsync();
        await Expect(page, "Test delivered: the far end answered 200");
        Assert.Single(slack.Requests);
        await ShotAsync(page, "06-channels");

        // Plain words: tell me when a company on my watchlist files a listing application, on email and Slack.
        // A refused value comes back with the API's message next to its field, and the form as it was left.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rules" }).ClickAsync();
        await page.GetByLabel("Name of the rule").FillAsync("Zhipu jumps");
        await page.GetByRole(AriaRole.Radio, new() { Name = "The share price moves by at least…" }).CheckAsync();
        await page.GetByLabel("Percent against the previous close").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the rule" }).ClickAsync();
        await Expect(page.Locator("#thresholdPercent-error"), "must be greater than 0");
        Assert.Equal("thresholdPercent-error", await page.GetByLabel("Percent against the previous close").GetAttributeAsync("aria-describedby"));
        await ShotAsync(page, "07-rules-refused");
        await page.GetByLabel("Name of the rule").FillAsync("Zhipu filings");
        await page.GetByRole(AriaRole.Radio, new() { Name = "A company announces…" }).CheckAsync();
        await page.GetByLabel("Files a listing application").CheckAsync();
        await page.GetByLabel("Team Slack (Slack)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the rule" }).ClickAsync();
        await Expect(page, "files a listing application");
        await ShotAsync(page, "08-rules");

        // An event through the running service: the alert shows on the page, delivered to both channels.
        var filing = MarketEvent.Of(Announcement.Create(
            "hkex", "browser-1", [new IssuerRef("HKEX", "02513", null)], "Application for A-share listing on the STAR Market", "en",
            [AnnouncementCategory.ListingApplication], "Zhipu applies to list on the STAR Market.", null, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([filing]));
        await Eventually.HoldsAsync(() => slack.Requests.Count == 2 && Outbox.Files(data, "*.eml").Any(f => !Path.GetFileName(f).StartsWith("account-", StringComparison.Ordinal)), service.Process);
        Assert.Contains("STAR Market", slack.Requests[1].BodyText, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        await Eventually.HoldsAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await page.Locator(".status-Delivered").CountAsync() == 2;
            },
            service.Process);
        await Expect(page, "Application for A-share listing on the STAR Market");
        await ShotAsync(page, "09-alerts");

        // The alert email's own link (the same in List-Unsubscribe and in the body) unsubscribes with one click.
        var alertMail = await File.ReadAllTextAsync(Outbox.Files(data, "*.eml").Single(f => !Path.GetFileName(f).StartsWith("account-", StringComparison.Ordinal)));
        var link = Outbox.Link(Outbox.Text(alertMail), "/api/v1/unsubscribe");
        Assert.Equal("<" + link.AbsoluteUri + ">", Outbox.Header(alertMail, "List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", Outbox.Header(alertMail, "List-Unsubscribe-Post"));
        await page.GotoAsync(link.AbsoluteUri);
        await ShotAsync(page, "10-unsubscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page, "You will get no more of these alerts");
        await ShotAsync(page, "11-unsubscribed");
        await page.GotoAsync(site + "/channels");
        await Expect(page, "Not active: unsubscribed by the recipient");

        // Removing the Slack channel asks first (a page of its own, no script), then it is gone from the page and the rule.
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Team Slack" }).ClickAsync();
        await Expect(page, "Remove “Team Slack”?");
        await Expect(page, "The rule “Zhipu filings” will keep sending to its other channels");
        await ShotAsync(page, "12-channel-remove-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Team Slack" }).ClickAsync();
        await Expect(page, "“Team Slack” is removed");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send a test to Team Slack" }).CountAsync());
        await ShotAsync(page, "13-channel-removed");
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task Expect(IPage page, string text) => await Expect(page.Locator("main"), text);

    private static async Task Expect(ILocator locator, string text) =>
        await Assertions.Expect(locator.First).ToContainTextAsync(text, new() { Timeout = 15_000 });

    /// <summary>The page as it is now, at desktop and at phone width.</summary>
    private async Task ShotAsync(IPage page, string name)
    {
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(_shots, $"{name}-{size}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }
}
