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

    public static StoredEntity Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
}
