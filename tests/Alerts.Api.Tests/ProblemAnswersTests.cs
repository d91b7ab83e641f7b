using System.Net;
using System.Text.Json.Nodes;
using Alerts.Testing;
using Microsoft.Data.Sqlite;

namespace Alerts.Api.Tests;

/// <summary>
/// Every error the API answers is problem details with a correlation id, and a failure nobody anticipated (here: a stored
/// row the store cannot read) tells the caller nothing about the exception, the stack or the store, while the log line
/// carries the same correlation id and the whole exception for the operator.
/// </summary>
public sealed class ProblemAnswersTests
{
    private static readonly string[] Internals = ["Exception", "   at ", "Sqlite", "LineNumber", "BytePositionInLine", "Alerts.Storage", "not json at all"];

    [Fact]
    public async Task A_store_failure_is_a_500_problem_with_a_correlation_id_that_the_log_carries_and_no_internals()
    {
        var logs = new RecordingLoggerProvider();
        await using var server = await ApiServer.StartAsync(logs: logs);
        var tenant = await server.NewTenantAsync();
        await CorruptRowAsync(server, "watchlists", tenant.TenantId, "broken");

        using var response = await tenant.Http.GetAsync("/api/v1/watchlists");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var correlationId = (string)JsonNode.Parse(text)!["correlationId"]!;
        Assert.False(string.IsNullOrWhiteSpace(correlationId));
        Assert.All(Internals, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        var logged = Assert.Single(logs.Lines, line => line.Contains(correlationId, StringComparison.Ordinal) && line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("JsonException", logged, StringComparison.Ordinal); // the operator gets the whole story
        Assert.Contains("/api/v1/watchlists", logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-resource", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/watchlists/missing", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/api/v1/watchlists", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/v1/watchlists", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/nothing-here", HttpStatusCode.NotFound)]
    public async Task Every_error_status_is_a_problem_with_a_correlation_id(string method, string path, HttpStatusCode expected)
    {
        await using var server = await ApiServer.StartAsync();
        var tenant = await server.NewTenantAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = ApiServer.Json("{\"name\": 42, \"secretField\": true}");
        }

        using var response = await tenant.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, (int)body["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["correlationId"]));
    }

    [Fact]
    public async Task An_unauthenticated_request_is_a_problem_with_a_correlation_id()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.Client("alk_not-a-key");

        var (status, body) = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/watchlists");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.False(string.IsNullOrWhiteSpace((string?)body!["correlationId"]));
    }

    /// <summary>Writes a row the repositories cannot read, straight into the SQLite file.</summary>
    private static async Task CorruptRowAsync(ApiServer server, string table, string tenantId, string rowKey)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "alerts.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO entities (tbl, pk, rk, data, etag) VALUES ($t, $p, $r, 'not json at all', 'e1')";
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$p", tenantId);
        command.Parameters.AddWithValue("$r", rowKey);
        await command.ExecuteNonQueryAsync();
    }
}
