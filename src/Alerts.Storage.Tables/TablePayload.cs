using Azure.Data.Tables;

namespace Alerts.Storage.Tables;

/// <summary>
/// A row's JSON payload as string properties: <c>Data</c>, then <c>Data1</c>, <c>Data2</c>… when it is longer than one
/// property holds (64 KiB of UTF-16), within the service's 1 MiB entity limit.
/// </summary>
internal static class TablePayload
{
    public const string Property = "Data";

    /// <summary>Characters per string property: 64 KiB of UTF-16.</summary>
    public const int ChunkLength = 32 * 1024;

    // Azure counts an entity as UTF-16 (1 MiB); Azurite counts the JSON body, where Azure.Data.Tables writes each non-ASCII
    // character as \uXXXX (6 bytes; which also keeps bodies ASCII, so Azurite's bug with UTF-8 characters split across body
    // chunks cannot strike). Four chunks (128 Ki characters) stay within both limits for any text.
    public const int MaxChunks = 4;

    public const int MaxLength = ChunkLength * MaxChunks;

    public static TableEntity ToEntity(string partitionKey, string rowKey, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxLength)
        {
            throw new ArgumentException(
                $"Entity data is {data.Length} characters; a Table Storage row of this store holds at most {MaxLength} ({MaxChunks} string properties of 64 KiB).",
                nameof(data));
        }

        var entity = new TableEntity(partitionKey, rowKey) { [Property] = data.Length <= ChunkLength ? data : data[..ChunkLength] };
        for (int chunk = 1, start = ChunkLength; start < data.Length; chunk++, start += ChunkLength)
        {
            entity[Property + chunk] = data.Substring(start, Math.Min(ChunkLength, data.Length - start));
        }

        return entity;
    }

    public static string Read(string table, TableEntity entity)
    {
        var first = entity.GetString(Property)
            ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) in {table} has no {Property} string.");
        if (!entity.ContainsKey(Property + 1))
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var chunk = 1; entity.GetString(Property + chunk) is { } next; chunk++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }
}
