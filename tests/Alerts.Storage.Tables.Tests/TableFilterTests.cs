namespace Alerts.Storage.Tables.Tests;

public sealed class TableFilterTests
{
    [Fact]
    public void Interpolated_values_become_escaped_literals()
    {
        var tenant = "O'Brien' or PartitionKey ne '";

        Assert.Equal(
            "PartitionKey eq 'O''Brien'' or PartitionKey ne ''' and RowKey ge 'a'",
            TableFilter.Create($"PartitionKey eq {tenant} and RowKey ge {"a"}"));
    }

    public static TheoryData<object, string> Literals => new()
    {
        { "it's", "'it''s'" },
        { true, "true" },
        { 42, "42" },
        { 9007199254740993L, "9007199254740993L" },
        { 2.0, "2.0" },
        { 1.5, "1.5" },
        { new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "guid'0f8fad5b-d9cb-469f-a165-70867728950e'" },
        { new DateTimeOffset(2025, 3, 4, 18, 0, 0, TimeSpan.FromHours(8)), "datetime'2025-03-04T10:00:00.0000000Z'" },
        { new byte[] { 0x0a, 0xff }, "X'0aff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Each_type_has_its_odata_literal(object value, string expected)
    {
        Assert.Equal(expected, TableFilter.Literal(value));
    }

    [Fact]
    public void Values_without_a_literal_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => TableFilter.Literal(null));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(new DateTime(2025, 3, 4, 10, 0, 0, DateTimeKind.Local)));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(double.NaN));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(1.5m));
    }
}
