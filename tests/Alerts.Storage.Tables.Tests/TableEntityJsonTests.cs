using System.Text;
using System.Text.Json;

namespace Alerts.Storage.Tables.Tests;

public sealed class TableEntityJsonTests
{
    [Fact]
    public void Types_json_cannot_carry_are_annotated_as_azure_data_tables_does()
    {
        var entity = new TableEntity("tenantA", "order-42")
        {
            ["Status"] = "Open",
            ["Quantity"] = 3,
            ["IsPaid"] = false,
            ["Total"] = 2.0,
            ["Version"] = 9007199254740993L,
            ["DueAt"] = new DateTime(2025, 3, 4, 10, 0, 0, DateTimeKind.Utc),
            ["CustomerId"] = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Blob"] = new byte[] { 1, 2, 3 },
            ["Title"] = "智谱",
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Write(entity).Span);

        Assert.Equal(
            "{\"PartitionKey\":\"tenantA\",\"RowKey\":\"order-42\",\"Status\":\"Open\",\"Quantity\":3,\"IsPaid\":false,"
            + "\"Total\":2,\"Total@odata.type\":\"Edm.Double\",\"Version\":\"9007199254740993\",\"Version@odata.type\":\"Edm.Int64\","
            + "\"DueAt\":\"2025-03-04T10:00:00.0000000Z\",\"DueAt@odata.type\":\"Edm.DateTime\","
            + "\"CustomerId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"CustomerId@odata.type\":\"Edm.Guid\","
            + "\"Blob\":\"AQID\",\"Blob@odata.type\":\"Edm.Binary\",\"Title\":\"\\u667A\\u8C31\"}",
            json);
    }

    [Fact]
    public void Bodies_are_pure_ascii_so_no_multi_byte_character_can_be_split_between_chunks()
    {
        var entity = new TableEntity("智谱", "O'Brien 😀") { ["Title"] = "北京智谱华章 — ＳＴＡＲ" };

        var body = TableEntityJson.Write(entity).ToArray();

        Assert.All(body, b => Assert.True(b < 0x80));
        using var document = JsonDocument.Parse(body);
        Assert.Equal("北京智谱华章 — ＳＴＡＲ", TableEntityJson.Read(document.RootElement).GetString("Title"));
    }

    [Fact]
    public void A_minimal_metadata_response_reads_back_typed_with_its_etag_and_timestamp()
    {
        const string json = """
            { "odata.metadata": "https://acct.table.core.windows.net/$metadata#Orders/@Element",
              "odata.etag": "W/\"datetime'2025-03-04T10%3A00%3A01.1234567Z'\"",
              "PartitionKey": "tenantA", "RowKey": "order-42",
              "Timestamp": "2025-03-04T10:00:01.1234567Z",
              "Version@odata.type": "Edm.Int64", "Version": "9007199254740993",
              "DueAt@odata.type": "Edm.DateTime", "DueAt": "2025-03-04T10:00:00Z",
              "Ratio@odata.type": "Edm.Double", "Ratio": "NaN",
              "Status": "Open", "Quantity": 3, "Price": 19.5, "Gone": null }
            """;
        using var document = JsonDocument.Parse(json);

        var entity = TableEntityJson.Read(document.RootElement);

        Assert.Equal(("tenantA", "order-42"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal("W/\"datetime'2025-03-04T10%3A00%3A01.1234567Z'\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 10, 0, 1, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(9007199254740993L, entity.GetInt64("Version"));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero), entity.GetDateTimeOffset("DueAt"));
        Assert.True(double.IsNaN(entity.GetDouble("Ratio")!.Value));
        Assert.Equal("Open", entity.GetString("Status"));
        Assert.Equal(3, entity.GetInt32("Quantity"));
        Assert.Equal(19.5, entity.GetDouble("Price"));
        Assert.Equal(["Version", "DueAt", "Ratio", "Status", "Quantity", "Price"], entity.PropertyNames);
    }

    [Fact]
    public void Entities_refuse_what_the_service_cannot_store()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["RowKey"] = "x");
        Assert.Throws<ArgumentException>(() => entity["Name@odata.type"] = "Edm.String");
        Assert.Throws<ArgumentException>(() => entity["Price"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity["When"] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        entity["Name"] = "x";
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Name"));
        entity["Name"] = null;
        Assert.Equal(0, entity.Count);
    }
}
