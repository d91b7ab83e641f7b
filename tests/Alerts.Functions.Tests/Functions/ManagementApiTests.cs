using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Alerts.Api;
using Alerts.Api.Errors;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Support;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Functions;

/// <summary>
/// Issue 9: the management API in the Functions app. One script of requests runs against `alerts run`'s mounting (Kestrel,
/// SQLite) and against the Functions app's catch-all HTTP trigger (Azurite): every answer has the same status and the same
/// body once generated ids and times are set aside.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManagementApiTests(AzuriteStorage azurite) : IAsyncLifetime
{
    /// <summary>Members whose values are generated per host (ids, keys, times) and so cannot match between the two.</summary>
    private static readonly HashSet<string> Generated = new(StringComparer.Ordinal)
    {
        "id", "tenantId", "key", "prefix", "keyId", "createdAt", "updatedAt", "lastUsedAt", "correlationId", "traceId",
    };

    private FunctionsApp _functions = null!;
    private WebApplication _standalone = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        _functions = await FunctionsApp.StartAsync(azurite);
        _directory = Directory.CreateTempSubdirectory("alerts-api-both-").FullName;
        _standalone = await StartStandaloneAsync(_directory);
    }

    public async Task DisposeAsync()
    {
        await _functions.DisposeAsync();
        await _standalone.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_same_requests_get_the_same_answers_from_both_hosts()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_standalone.Urls.First()) };
        var standalone = await RunScriptAsync((method, path, key, body) => SendStandaloneAsync(http, method, path, key, body));
        var functions = await RunScriptAsync(SendFunctionsAsync);

        Assert.Equal(standalone.Count, functions.Count);
        for (var i = 0; i < standalone.Count; i++)
        {
            Assert.Equal(standalone[i].Step, functions[i].Step);
            Assert.True(standalone[i].Status == functions[i].Status, $"{standalone[i].Step}: {standalone[i].Status} standalone, {functions[i].Status} on Functions");
            Assert.Equal(Normalize(standalone[i].Body), Normalize(functions[i].Body));
        }

        Assert.Contains(functions, a => a.Step.StartsWith("POST /api/v1/tenants", StringComparison.Ordinal) && a.Status == 201);
    }

    [Fact]
    public void Every_route_of_the_api_is_under_the_functions_catch_all_route()
    {
        var routes = _standalone.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        var trigger = typeof(ManagementApiFunction).GetMethod(nameof(ManagementApiFunction.RunAsync))!.GetParameters()[0]
            .GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Cast<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().Single();

        Assert.Equal("api/v1/{*path}", trigger.Route); // the host's route prefix is empty (host.json)
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.StartsWith("/api/v1/", route, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_subscriber_page_is_served_at_the_root_by_the_functions_app_as_by_alerts_run()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_standalone.Urls.First()) };
        using var standalone = await http.GetAsync("/");
        var context = FunctionsRequest("GET", "/");

        await (await _functions.Function<SubscriberPageFunction>().RunAsync(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var page = await new StreamReader(context.Response.Body).ReadToEndAsync();

        Assert.True(context.Response.StatusCode == 200, page + string.Join("\n", _functions.Logs.AtLeast(LogLevel.Warning).Select(e => e.ToString())));
        Assert.Equal(200, (int)standalone.StatusCode);
        Assert.Contains("action=\"/sign-up\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/sign-up\"", await standalone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        var route = typeof(SubscriberPageFunction).GetMethod(nameof(SubscriberPageFunction.RunAsync))!.GetParameters()[0]
            .GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Cast<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().Single().Route;
        Assert.Equal("{*path}", route);
    }

    [Fact]
    public async Task The_functions_app_serves_the_same_OpenAPI_document_and_reference_page_as_alerts_run()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_standalone.Urls.First()) };
        var standalone = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var (status, body) = await SendPageAsync("GET", "/openapi/v1.json");

        Assert.True(status == 200, body + string.Join("\n", _functions.Logs.AtLeast(LogLevel.Warning).Select(e => e.ToString())));
        var functions = JsonNode.Parse(body)!.AsObject();
        standalone.Remove("servers"); // each names its own host
        functions.Remove("servers");
        Assert.Equal(standalone.ToJsonString(), functions.ToJsonString());
        Assert.Contains("/api/v1/companies", functions["paths"]!.AsObject().Select(p => p.Key));
        var (reference, html) = await SendPageAsync("GET", "/scalar/v1");
        Assert.Equal(200, reference);
        Assert.Equal(await http.GetStringAsync("/scalar/v1"), html);
    }

    [Fact]
    public void Unsubscribe_links_and_channel_secrets_share_the_stores_key_ring_on_Functions()
    {
        var secrets = Assert.IsType<DataProtectionChannelSecrets>(_functions.Store.ChannelSecrets);

        Assert.Same(secrets.Provider, _functions.Get<IDataProtectionProvider>());
    }

    private delegate Task<(int Status, string Body)> Send(string method, string path, string? key, string? body);

    private static async Task<List<(string Step, int Status, string Body)>> RunScriptAsync(Send send)
    {
        var answers = new List<(string, int, string)>();
        async Task<JsonNode?> Step(string method, string path, string? key, string? body = null)
        {
            var (status, text) = await send(method, path, key, body);
            answers.Add(($"{method} {path}{(key is null ? " (no key)" : string.Empty)}", status, text));
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }

        await Step("GET", "/api/v1/health", null);
        await Step("POST", "/api/v1/tenants", "wrong-admin-key", "{\"name\":\"Mei\"}");
        var created = await Step("POST", "/api/v1/tenants", FunctionsApp.AdminKey, "{\"name\":\"Mei\"}");
        var key = (string)created!["apiKey"]!["key"]!;
        await Step("GET", "/api/v1/watchlists", null);
        await Step("GET", "/api/v1/watchlists", key);
        await Step("POST", "/api/v1/watchlists", key, "{\"id\":\"hk\",\"name\":\"Hong Kong\",\"companies\":[\"2513\"]}");
        await Step("GET", "/api/v1/watchlists/hk", key);
        await Step("GET", "/api/v1/watchlists/missing", key);
        await Step("POST", "/api/v1/watchlists", key, "{\"name\":42,\"surprise\":true}");
        await Step("POST", "/api/v1/watchlists", key, "{not json");
        await Step("POST", "/api/v1/channels", key,
            "{\"id\":\"hook\",\"name\":\"Receiver\",\"kind\":\"Webhook\",\"target\":\"https://hooks.example.com/in/secret-path\",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}");
        await Step("GET", "/api/v1/channels/hook", key);
        await Step("POST", "/api/v1/channels", key, "{\"name\":\"Metadata\",\"kind\":\"Webhook\",\"target\":\"https://169.254.169.254/latest\"}");
        await Step("DELETE", "/api/v1/watchlists/hk", key);
        await Step("GET", "/api/v1/no-such-resource", key);
        await Step("PATCH", "/api/v1/watchlists", key);
        return answers;
    }

    /// <summary>A request as the Functions host hands it to an HTTP trigger, with a response body the test can read back.</summary>
    private DefaultHttpContext FunctionsRequest(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = _functions.Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-alerts.azurewebsites.net");
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>A GET outside /api/v1, which the Functions host routes to the subscriber page's catch-all trigger.</summary>
    private async Task<(int Status, string Body)> SendPageAsync(string method, string path)
    {
        var context = FunctionsRequest(method, path);
        await (await _functions.Function<SubscriberPageFunction>().RunAsync(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private async Task<(int Status, string Body)> SendFunctionsAsync(string method, string path, string? key, string? body)
    {
        var context = FunctionsRequest(method, path);
        if (key is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + key;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        var result = await _functions.Function<ManagementApiFunction>().RunAsync(context.Request);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private static async Task<(int Status, string Body)> SendStandaloneAsync(HttpClient http, string method, string path, string? key, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>`alerts run`'s mounting of the API (RunCommand), on a SQLite store in <paramref name="directory"/>.</summary>
    private static async Task<WebApplication> StartStandaloneAsync(string directory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:DataDirectory"] = directory,
            ["Alerts:Api:AdminKey"] = FunctionsApp.AdminKey,
            ["Alerts:PollSources"] = "false",
        }).Build();
        var settings = SettingsLoader.Load(configuration);
        var store = await StoreFactory.OpenAsync(settings, configuration, CancellationToken.None);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAlertsPipeline(settings, store);
        builder.Services.AddAlertsApi(configuration);
        var app = builder.Build();
        app.UseAlertsErrors();
        app.MapAlertsApi();
        await app.StartAsync();
        return app;
    }

    private static string Normalize(string body)
    {
        if (body.Length == 0)
        {
            return string.Empty;
        }

        var node = JsonNode.Parse(body);
        Scrub(node);
        return node?.ToJsonString() ?? "null";
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (Generated.Contains(name))
                    {
                        obj[name] = "*";
                    }
                    else
                    {
                        Scrub(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scrub(item);
                }

                break;
        }
    }
}
