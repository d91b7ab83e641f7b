using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Alerts.Host.Cli.Client;

/// <summary>An error answer from the API, carrying the problem details' text (title, detail and each field's message).</summary>
public sealed class ApiClientException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The management API as the CLI calls it: JSON in, JSON out, problem details turned into one readable message.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static ApiClient Create(Uri server, string? key, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = timeout };
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return new ApiClient(http);
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not ours (a proxy's page, say): reported below with the status.
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ApiClientException((int)response.StatusCode, Describe((int)response.StatusCode, json));
        }

        return json;
    }

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public void Dispose() => http.Dispose();

    private static string Describe(int status, JsonNode? problem)
    {
        if (problem is not JsonObject details)
        {
            return $"HTTP {status}";
        }

        var text = new StringBuilder();
        text.Append((string?)details["title"] ?? $"HTTP {status}");
        if ((string?)details["detail"] is { Length: > 0 } detail)
        {
            text.Append(": ").Append(detail);
        }

        return text.ToString();
    }
}
