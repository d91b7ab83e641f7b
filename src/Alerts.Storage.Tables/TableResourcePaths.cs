namespace Alerts.Storage.Tables;

/// <summary>Resource paths relative to the table endpoint, with keys escaped as the Table service expects.</summary>
internal static class TableResourcePaths
{
    public const string Tables = "Tables";

    public static string Entities(string table) => table;

    public static string Query(string table) => table + "()";

    /// <summary><c>orders(PartitionKey='O''Brien',RowKey='…')</c>: quotes doubled (OData literal), then percent-encoded.</summary>
    public static string Entity(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
