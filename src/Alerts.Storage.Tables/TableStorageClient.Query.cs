using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Storage.Primitive;
using Azure;
using Azure.Core;

namespace Alerts.Storage.Tables;

public sealed partial class TableStorageClient
{
    private const string NextPartitionKeyHeader = "x-ms-continuation-NextPartitionKey";
    private const string NextRowKeyHeader = "x-ms-continuation-NextRowKey";

    /// <summary>
    /// Entities matching <paramref name="filter"/> (build it with <see cref="TableFilter"/>), in partition then row key order,
    /// fetched page by page until the service stops sending continuation headers (pages may be empty).
    /// <paramref name="select"/> limits the returned properties (the keys are always included);
    /// <paramref name="maxPerPage"/> is <c>$top</c>, applied per page.
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(
        string table, string? filter = null, IEnumerable<string>? select = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTable(table);
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "A page holds 1 to 1000 entities.");
        }

        var selected = select is null ? null : string.Join(',', new[] { "PartitionKey", "RowKey" }.Union(select, StringComparer.Ordinal));
        return new PagedQuery(
            (continuationToken, pageSizeHint, token) => QueryPageAsync(table, filter, selected, pageSizeHint ?? maxPerPage, continuationToken, token),
            cancellationToken);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(
        string table, string? filter, string? select, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        var operation = $"query {table}";
        using var message = CreateMessage(RequestMethod.Get, TableResourcePaths.Query(table), QueryString(filter, select, top, continuationToken));
        var response = await SendAsync(message, operation, cancellationToken);
        if (response.Status != 200)
        {
            throw TableResponseErrors.FromResponse(response, operation);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        return Page<TableEntity>.FromValues(entities, NextContinuationToken(response), response);
    }

    private static string QueryString(string? filter, string? select, int? top, string? continuationToken)
    {
        var query = new StringBuilder();
        Append(query, "$filter", filter);
        Append(query, "$select", select);
        Append(query, "$top", top?.ToString(CultureInfo.InvariantCulture));
        if (continuationToken is not null)
        {
            // The token is "NextPartitionKey[ NextRowKey]", as in Azure.Data.Tables; the service's values hold no spaces.
            var space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
            Append(query, "NextPartitionKey", space < 0 ? continuationToken : continuationToken[..space]);
            Append(query, "NextRowKey", space < 0 ? null : continuationToken[(space + 1)..]);
        }

        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static string? NextContinuationToken(Response response)
    {
        if (!response.Headers.TryGetValue(NextPartitionKeyHeader, out var partitionKey) || string.IsNullOrEmpty(partitionKey))
        {
            return null;
        }

        return response.Headers.TryGetValue(NextRowKeyHeader, out var rowKey) && !string.IsNullOrEmpty(rowKey)
            ? partitionKey + " " + rowKey
            : partitionKey;
    }

    /// <summary>Fetches pages lazily, following continuation tokens until the service sends none.</summary>
    private sealed class PagedQuery(Func<string?, int?, CancellationToken, Task<Page<TableEntity>>> fetchPage, CancellationToken cancellationToken)
        : AsyncPageable<TableEntity>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            do
            {
                var page = await fetchPage(continuationToken, pageSizeHint, CancellationToken);
                yield return page;
                continuationToken = page.ContinuationToken;
            }
            while (continuationToken is not null);
        }
    }
}
