using Alerts.Testing;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alerts.Storage.Tables.Tests;

/// <summary>The client against a loopback fake: what goes on the wire, what the pipeline retries, how failures surface.</summary>
public sealed class TableStorageClientPipelineTests
{
    private const string Account = "devstoreaccount1";
    private static readonly string Key = TableStorageConnectionString.DevelopmentAccountKey;

    [Fact]
    public async Task Requests_carry_the_service_headers_and_a_shared_key_lite_signature_of_the_injected_date()
    {
        await using var server = await LoopbackServer.StartAsync(204);

        Assert.True(await ClientFor(server).CreateTableIfNotExistsAsync("Tables1", CancellationToken.None));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/devstoreaccount1/Tables", request.PathAndQuery);
        Assert.Equal("Tue, 04 Mar 2025 10:00:00 GMT", request.Header("x-ms-date"));
        // Hand-computed: HMAC-SHA256 over "Tue, 04 Mar 2025 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Tables".
        Assert.Equal("SharedKeyLite devstoreaccount1:rea7kmJhCHs4DLVQMo29souYbPl95q+ITBxt/CimMzA=", request.Header("Authorization"));
        Assert.Equal("2019-02-02", request.Header("x-ms-version"));
        Assert.Equal("3.0", request.Header("DataServiceVersion"));
        Assert.Equal("application/json;odata=minimalmetadata", request.Header("Accept"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("return-no-content", request.Header("Prefer"));
        Assert.False(string.IsNullOrEmpty(request.Header("x-ms-client-request-id")));
        Assert.Equal("{\"TableName\":\"Tables1\"}", request.BodyText);
    }

    [Fact]
    public async Task A_503_is_retried_by_the_pipeline_under_the_same_client_request_id()
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            context.Response.StatusCode = 204;
            context.Response.Headers.ETag = "W/\"datetime'2025-03-04T10%3A00%3A01Z'\"";
            return Task.CompletedTask;
        });

        var etag = await ClientFor(server).UpsertEntityAsync("orders", new TableEntity("p", "r"), cancellationToken: CancellationToken.None);

        Assert.Equal("W/\"datetime'2025-03-04T10%3A00%3A01Z'\"", etag);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(server.Requests.Select(r => r.Header("x-ms-client-request-id")).Distinct());
    }

    [Fact]
    public async Task A_500_with_an_odata_error_surfaces_as_status_and_code_without_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-ms-request-id"] = "req-42";
            // A careless server echoing the Authorization header still cannot leak the key: only its HMAC travels.
            await context.Response.WriteAsync(
                "{\"odata.error\":{\"code\":\"InternalError\",\"message\":{\"lang\":\"en-US\",\"value\":\"Server hiccup; auth was "
                + request.Header("Authorization") + "\"}}}");
        });

        var error = await Assert.ThrowsAsync<TableStorageException>(
            () => ClientFor(server).GetEntityAsync("orders", "p", "r", CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Equal("req-42", error.RequestId);
        Assert.Contains("Server hiccup", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_keeps_the_code_from_the_body()
    {
        await using var server = await LoopbackServer.StartAsync(
            409, "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"value\":\"The specified entity already exists.\"}}}", "application/json");

        var error = await Assert.ThrowsAsync<TableStorageException>(
            () => ClientFor(server).InsertEntityAsync("orders", new TableEntity("p", "r"), CancellationToken.None));

        Assert.Equal((409, TableErrorCode.EntityAlreadyExists), (error.Status, error.ErrorCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_odata_json_still_gives_the_status()
    {
        await using var server = await LoopbackServer.StartAsync(403, "<html>denied</html>", "text/html");

        var error = await Assert.ThrowsAsync<TableStorageException>(
            () => ClientFor(server).DeleteEntityAsync("orders", "p", "r", cancellationToken: CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task No_response_after_the_retries_is_a_table_storage_exception_with_status_zero()
    {
        Uri closed;
        await using (var server = await LoopbackServer.StartAsync(204))
        {
            closed = new Uri(server.BaseAddress, Account);
        }

        var client = new TableStorageClient(closed, new AzureNamedKeyCredential(Account, Key), Options(maxRetries: 1));
        var error = await Assert.ThrowsAsync<TableStorageException>(() => client.CreateTableIfNotExistsAsync("orders", CancellationToken.None));

        Assert.Equal(0, error.Status);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Keys_are_quote_doubled_then_percent_encoded_in_the_path_and_signed_as_sent()
    {
        string? rawTarget = null;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        await ClientFor(server).DeleteEntityAsync("orders", "O'Brien", "智 1", "*", CancellationToken.None);

        Assert.Equal("/devstoreaccount1/orders(PartitionKey='O%27%27Brien',RowKey='%E6%99%BA%201')", rawTarget);
        Assert.Equal("*", Assert.Single(server.Requests).Header("If-Match"));
    }

    [Fact]
    public async Task A_query_follows_continuation_headers_through_empty_pages_and_keeps_its_parameters()
    {
        var pages = new Queue<(string Body, string? NextPartition, string? NextRow)>(
        [
            ("{\"value\":[{\"PartitionKey\":\"p\",\"RowKey\":\"1\"},{\"PartitionKey\":\"p\",\"RowKey\":\"2\"}]}", "1!4!cA--", "1!4!Mg--"),
            ("{\"value\":[]}", "1!4!cQ--", null),
            ("{\"value\":[{\"PartitionKey\":\"q\",\"RowKey\":\"3\"}]}", null, null),
        ]);
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            var (body, nextPartition, nextRow) = pages.Dequeue();
            if (nextPartition is not null)
            {
                context.Response.Headers["x-ms-continuation-NextPartitionKey"] = nextPartition;
            }

            if (nextRow is not null)
            {
                context.Response.Headers["x-ms-continuation-NextRowKey"] = nextRow;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });

        var rows = new List<string>();
        await foreach (var entity in ClientFor(server).QueryAsync("orders", "PartitionKey ge 'p'", maxPerPage: 2, cancellationToken: CancellationToken.None))
        {
            rows.Add(entity.RowKey);
        }

        Assert.Equal(["1", "2", "3"], rows);
        Assert.Equal(
            [
                "/devstoreaccount1/orders()?$filter=PartitionKey ge 'p'&$top=2",
                "/devstoreaccount1/orders()?$filter=PartitionKey ge 'p'&$top=2&NextPartitionKey=1!4!cA--&NextRowKey=1!4!Mg--",
                "/devstoreaccount1/orders()?$filter=PartitionKey ge 'p'&$top=2&NextPartitionKey=1!4!cQ--",
            ],
            server.Requests.Select(r => Uri.UnescapeDataString(r.PathAndQuery)));
    }

    private static TableStorageClient ClientFor(LoopbackServer server) =>
        new(new Uri(server.BaseAddress, Account), new AzureNamedKeyCredential(Account, Key), Options(maxRetries: 2));

    private static TableStorageClientOptions Options(int maxRetries)
    {
        var options = new TableStorageClientOptions { TimeProvider = new ManualTimeProvider(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero)) };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        return options;
    }
}
