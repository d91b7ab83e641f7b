using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Api.Errors;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Alerts.Api.Tests;

/// <summary>
/// The API as a host mounts it: real Kestrel on 127.0.0.1, the pipeline's registrations over a SQLite store in a temp
/// directory (seeded with the bundled reference companies), and the admin key <see cref="AdminKey"/>.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-tests-0123456789";
    private readonly WebApplication _app;
    private readonly string _directory;

    private ApiServer(WebApplication app, string directory, AlertStore store, Uri baseAddress)
    {
        _app = app;
        _directory = directory;
        Store = store;
        BaseAddress = baseAddress;
    }

    public AlertStore Store { get; }

    public string DataDirectory => _directory;

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="logs">Receives the host's logs (otherwise they are dropped unless ALERTS_TEST_LOGS is set).</param>
    public static async Task<ApiServer> StartAsync(IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alerts-api-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        Directory.CreateDirectory(directory);
        var values = new Dictionary<string, string?>
        {
            ["Alerts:DataDirectory"] = directory,
            ["Alerts:Api:AdminKey"] = AdminKey,
            ["Alerts:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Alerts:HttpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var alertsSettings = SettingsLoader.Load(configuration);
        var store = await StoreFactory.OpenAsync(alertsSettings, configuration, CancellationToken.None);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        if (Environment.GetEnvironmentVariable("ALERTS_TEST_LOGS") is null)
        {
            builder.Logging.ClearProviders();
        }

        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddAlertsPipeline(alertsSettings, store);
        builder.Services.AddAlertsApi(configuration);
        var app = builder.Build();
        app.UseAlertsErrors();
        app.MapAlertsApi();
        await app.StartAsync();
        return new ApiServer(app, directory, store, new Uri(app.Urls.First()));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a tenant through the admin endpoint and returns a client holding its first key.</summary>
    public async Task<TenantClient> NewTenantAsync(string name = "Mei")
    {
        using var admin = Client(AdminKey);
        using var response = await admin.PostAsync("/api/v1/tenants", Json(new JsonObject { ["name"] = name }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var key = (string)body["apiKey"]!["key"]!;
        return new TenantClient((string)body["tenant"]!["id"]!, key, Client(key));
    }

    /// <summary>The token of the newest link to <paramref name="path"/> mailed to <paramref name="to"/> (the outbox is the mailbox).</summary>
    public string MailedToken(string to, string path)
    {
        var mail = Alerts.Testing.Outbox.LatestAccountMail(DataDirectory, to) ?? throw new InvalidOperationException("no account mail to " + to);
        var link = Alerts.Testing.Outbox.Link(Alerts.Testing.Outbox.Text(mail), path);
        return Uri.UnescapeDataString(link.Query["?token=".Length..]);
    }

    /// <summary>Follows the confirmation link an email channel's address was sent (double opt-in).</summary>
    public async Task ConfirmEmailChannelAsync(string to)
    {
        using var anonymous = Client();
        var (status, _) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/channels/confirm", new JsonObject { ["token"] = MailedToken(to, "/confirm-channel") }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp directory is cleaned by the OS.
        }
    }
}

public sealed record TenantClient(string TenantId, string Key, HttpClient Http);

/// <summary>Reading answers in tests.</summary>
public static class Responses
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidDataException("null body");

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? ApiServer.Json(body as string ?? JsonSerializer.Serialize(body));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }
}
