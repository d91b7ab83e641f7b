using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>What the handler answered one invocation: status, media type and the parsed JSON body.</summary>
public sealed record HandlerResponse(HttpStatusCode Status, string? MediaType, JsonNode? Body, string Text)
{
    public JsonObject Envelope => Body as JsonObject ?? throw new Xunit.Sdk.XunitException("the body is not a JSON object: " + Text);

    public JsonObject Outputs => Envelope["Outputs"]!.AsObject();

    public IReadOnlyList<string> Logs => [.. Envelope["Logs"]!.AsArray().Select(l => l!.GetValue<string>())];

    /// <summary>A Service Bus output: must be an array of JSON objects.</summary>
    public IReadOnlyList<JsonObject> Messages(string binding) =>
        [.. (Outputs[binding] as JsonArray ?? throw new Xunit.Sdk.XunitException($"output {binding} is not an array: {Text}")).Select(m => m!.AsObject())];

    /// <summary>The http output <c>res</c>.</summary>
    public JsonObject Res => Outputs["res"]!.AsObject();
}

/// <summary>
/// The published handler started the way the Functions host starts it: its port and worker id in the environment
/// (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, <c>FUNCTIONS_CUSTOMHANDLER_WORKER_ID</c>, the legacy <c>FUNCTIONS_HTTPWORKER_*</c>,
/// <c>FUNCTIONS_APP_ROOT_PATH</c>), the app settings as environment variables, then <c>GET /</c> every 25 ms for up to 30 s.
/// Invocations are POSTed to <c>/{FunctionName}</c> with the host's headers and a chunked JSON body.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadinessInterval = TimeSpan.FromMilliseconds(25);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly HttpClient _http;

    private HandlerProcess(Process process, ConcurrentQueue<string> output, int port, TimeSpan startup)
    {
        _process = process;
        _output = output;
        Port = port;
        Startup = startup;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    /// <summary>Process start until the first answer to <c>GET /</c>.</summary>
    public TimeSpan Startup { get; }

    /// <summary>Everything the handler wrote to stdout and stderr so far (stderr lines prefixed "ERR ").</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<HandlerProcess> StartAsync(PublishedHandler handler, string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var port = FreePort();
        var start = new ProcessStartInfo(handler.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(handler.Executable)!,
        };
        start.ArgumentList.Add("functions");
        start.ArgumentList.Add("serve");
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Alerts__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key); // never pick up a developer's or CI's store settings (Tables)
        }

        var workerId = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_HTTPWORKER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = handler.AppRoot;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        start.Environment["PollSchedule"] = "0 */2 * * * *";
        start.Environment["RetryDueSchedule"] = "*/30 * * * * *";
        start.Environment["Alerts__DataDirectory"] = dataDirectory;
        start.Environment["Alerts__PollSources"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue("ERR " + e.Data); } };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                // Any HTTP answer counts as ready, as for the host; only connection errors mean "not yet".
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                break;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                if (process.HasExited || clock.Elapsed > ReadinessTimeout)
                {
                    var state = process.HasExited ? $"exited with {process.ExitCode}" : $"did not answer GET / within {ReadinessTimeout}";
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }

                    throw new InvalidOperationException($"The handler {state}:\n{string.Join('\n', output)}");
                }

                await Task.Delay(ReadinessInterval);
            }
        }

        return new HandlerProcess(process, output, port, clock.Elapsed);
    }

    /// <summary>POSTs an invocation the way the host does.</summary>
    public async Task<HandlerResponse> InvokeAsync(string function, JsonNode payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, function)
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(payload.ToJsonString()))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", "4.1037.0.0");
        request.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/4.1037.0.0");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        return new HandlerResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text);
    }

    /// <summary>Sends raw text as the request body (for envelopes the host would never send).</summary>
    public async Task<HandlerResponse> PostRawAsync(string function, string text)
    {
        using var content = new StringContent(text, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(function, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        return new HandlerResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(body), body);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A body without a known length, so the request goes out chunked like the host's.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
