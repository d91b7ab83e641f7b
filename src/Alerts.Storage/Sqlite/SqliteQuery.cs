using Alerts.Storage.Primitive;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Sqlite;

/// <summary>The range query of <see cref="IEntityStore.QueryAsync"/>, shared by the read connections and the writer's transaction.</summary>
internal static class SqliteQuery
{
    public static void Prepare(SqliteCommand command, string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo)
    {
        var sql = "SELECT pk, rk, data, etag FROM entities WHERE tbl = $t";
        command.Parameters.AddWithValue("$t", table);
        if (partitionKey is not null)
        {
            sql += " AND pk = $p";
            command.Parameters.AddWithValue("$p", partitionKey);
        }

        if (rowKeyFrom is not null)
        {
            sql += " AND rk >= $from";
            command.Parameters.AddWithValue("$from", rowKeyFrom);
        }

        if (rowKeyTo is not null)
        {
            sql += " AND rk < $to";
            command.Parameters.AddWithValue("$to", rowKeyTo);
        }

        command.CommandText = sql + " ORDER BY pk, rk";
    }

    public static void PrepareCount(SqliteCommand command, string table, string partitionKey, string rowKeyFrom, string rowKeyTo)
    {
        command.CommandText = "SELECT COUNT(*) FROM entities WHERE tbl = $t AND pk = $p AND rk >= $from AND rk < $to";
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$p", partitionKey);
        command.Parameters.AddWithValue("$from", rowKeyFrom);
        command.Parameters.AddWithValue("$to", rowKeyTo);
    }

    public static StoredEntity Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
}
