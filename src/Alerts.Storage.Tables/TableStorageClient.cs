using System.Text.Json;
using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Pipeline;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tables;

/// <summary>
/// A small Azure Table Storage REST client on the Azure.Core pipeline (the Azure.Data.Tables package is not available here).
/// Immutable and thread-safe: create one per account and share it. Every failure is a <see cref="TableStorageException"/>.
/// </summary>
public sealed partial class TableStorageClient
{
    /// <summary>The Entra ID scope for Azure Storage data-plane tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private const string MinimalMetadata = "application/json;odata=minimalmetadata";
    private const string JsonContentType = "application/json";

    private readonly HttpPipeline _pipeline;
    private readonly string _baseUrl;
    private readonly string _serviceVersion;

    /// <summary>Shared-key client from a connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public TableStorageClient(string connectionString, TableStorageClientOptions? options = null)
        : this(TableStorageConnectionString.Parse(connectionString), options)
    {
    }

    public TableStorageClient(Uri endpoint, AzureNamedKeyCredential credential, TableStorageClientOptions? options = null)
        : this(endpoint, new SharedKeyLitePolicy(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    /// <summary>Entra ID client (managed identity in Azure); the endpoint must be https.</summary>
    public TableStorageClient(Uri endpoint, TokenCredential credential, TableStorageClientOptions? options = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), StorageScope), options)
    {
    }

    private TableStorageClient(TableStorageConnectionString connection, TableStorageClientOptions? options)
        : this(connection.TableEndpoint, connection.Credential, options)
    {
    }

    private TableStorageClient(Uri endpoint, HttpPipelinePolicy authentication, TableStorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https") || endpoint.Query.Length > 0)
        {
            throw new ArgumentException("The table endpoint must be an absolute http(s) URL without a query.", nameof(endpoint));
        }

        options ??= new TableStorageClientOptions();
        Endpoint = endpoint;
        _baseUrl = endpoint.AbsoluteUri.TrimEnd('/');
        _serviceVersion = options.VersionHeaderValue;
        _pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new StorageDatePolicy(options.TimeProvider), authentication],
            responseClassifier: new ResponseClassifier());
    }

    public Uri Endpoint { get; }

    /// <summary>Creates the table; true when created, false when it already existed.</summary>
    public async Task<bool> CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTable(table);
        using var message = CreateMessage(RequestMethod.Post, TableResourcePaths.Tables);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        var response = await SendAsync(message, $"create table {table}", cancellationToken);
        if (response.Status is 201 or 204)
        {
            return true;
        }

        var failure = TableResponseErrors.FromResponse(response, $"create table {table}");
        return failure.ErrorCode == TableErrorCode.TableAlreadyExists ? false : throw failure;
    }

    /// <summary>The entity, or null when the table has no such row (a missing table is an error).</summary>
    public async Task<TableEntity?> GetEntityAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var operation = $"get from {table}";
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        var response = await SendAsync(message, operation, cancellationToken);
        if (response.Status == 200)
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var entity = TableEntityJson.Read(document.RootElement);
            entity.ETag = ETagHeader(response) ?? entity.ETag;
            return entity;
        }

        var failure = TableResponseErrors.FromResponse(response, operation);
        return failure.Status == 404 && failure.ErrorCode != TableErrorCode.TableNotFound ? null : throw failure;
    }

    /// <summary>Inserts a new entity and returns its ETag; 409 <see cref="TableErrorCode.EntityAlreadyExists"/> when the key is taken.</summary>
    public async Task<string> InsertEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTable(table);
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, TableResourcePaths.Entities(table));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, TableEntityJson.Write(entity));
        return await SendForETagAsync(message, $"insert into {table}", cancellationToken);
    }

    /// <summary>Insert-or-replace (or insert-or-merge) without a condition; returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(table, entity, mode, ifMatch: null, $"upsert into {table}", cancellationToken);

    /// <summary>
    /// Replaces or merges an existing entity only if its ETag is <paramref name="ifMatch"/> ("*" = any); returns the new ETag.
    /// 412 <see cref="TableErrorCode.UpdateConditionNotSatisfied"/> on a stale ETag, 404 when the entity is gone.
    /// </summary>
    public Task<string> UpdateEntityAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteEntityAsync(table, entity, mode, ifMatch, $"update in {table}", cancellationToken);
    }

    /// <summary>Deletes the entity if its ETag is <paramref name="ifMatch"/> ("*" = any); 404 when missing, 412 when stale.</summary>
    public async Task DeleteEntityAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var operation = $"delete from {table}";
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        var response = await SendAsync(message, operation, cancellationToken);
        if (response.Status != 204)
        {
            throw TableResponseErrors.FromResponse(response, operation);
        }
    }

    private async Task<string> WriteEntityAsync(string table, TableEntity entity, TableUpdateMode mode, string? ifMatch, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var method = mode == TableUpdateMode.Merge ? RequestMethod.Patch : RequestMethod.Put;
        using var message = CreateMessage(method, EntityPath(table, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }

        SetJsonContent(message.Request, TableEntityJson.Write(entity));
        return await SendForETagAsync(message, operation, cancellationToken);
    }

    private async Task<string> SendForETagAsync(HttpMessage message, string operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, operation, cancellationToken);
        if (response.Status is not (201 or 204))
        {
            throw TableResponseErrors.FromResponse(response, operation);
        }

        return ETagHeader(response)
            ?? throw new TableStorageException(response.Status, null, response.Headers.RequestId, $"Table Storage {operation} succeeded without an ETag.");
    }

    // Verbatim: Azure.ETag would re-format the weak "W/" prefix and quotes.
    private static string? ETagHeader(Response response) =>
        response.Headers.TryGetValue(HttpHeader.Names.ETag, out var etag) ? etag : null;

    private static string EntityPath(string table, string partitionKey, string rowKey)
    {
        EntityKeys.ValidateTable(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return TableResourcePaths.Entity(table, partitionKey, rowKey);
    }

    private HttpMessage CreateMessage(RequestMethod method, string resourcePath, string query = "")
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(_baseUrl + "/" + resourcePath + query));
        request.Headers.SetValue("x-ms-version", _serviceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue(HttpHeader.Names.Accept, MinimalMetadata);
        return message;
    }

    private static void SetJsonContent(Request request, ReadOnlyMemory<byte> json)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, JsonContentType);
        request.Content = RequestContent.Create(json);
    }

    private async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or OperationCanceledException
                                          && !cancellationToken.IsCancellationRequested)
        {
            // Transport failures and timeouts that outlived the pipeline's retries (an AggregateException after several tries).
            throw TableResponseErrors.NoResponse(operation, exception);
        }

        return message.Response;
    }
}
