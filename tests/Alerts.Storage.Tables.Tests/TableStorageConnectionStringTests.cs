namespace Alerts.Storage.Tables.Tests;

public sealed class TableStorageConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdHM=";

    [Fact]
    public void Development_storage_means_azurite_and_its_well_known_account()
    {
        var parsed = TableStorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(("devstoreaccount1", TableStorageConnectionString.DevelopmentAccountKey), Deconstruct(parsed));
    }

    [Fact]
    public void An_explicit_table_endpoint_wins_and_other_service_endpoints_are_ignored()
    {
        var parsed = TableStorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(("devstoreaccount1", Key), Deconstruct(parsed));
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=" + Key, "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn", "https://acct.table.core.chinacloudapi.cn/")]
    [InlineData(" defaultendpointsprotocol = HTTP ; accountname=acct ; accountkey=" + Key + " ;", "http://acct.table.core.windows.net/")]
    public void Account_strings_build_the_endpoint_from_protocol_account_and_suffix(string connectionString, string expected)
    {
        Assert.Equal(new Uri(expected), TableStorageConnectionString.Parse(connectionString).TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=acct", "no AccountKey")]
    [InlineData("AccountKey=" + Key, "no AccountName")]
    [InlineData("AccountName=acct;AccountKey=not base64!", "AccountKey is not valid base64")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";TableEndpoint=/relative", "TableEndpoint must be an absolute")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol must be")]
    [InlineData("AccountName=acct;AccountName=other;AccountKey=" + Key, "AccountName appears more than once")]
    [InlineData("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=sv=2019&sig=abc", "SharedAccessSignature is not supported")]
    [InlineData("UseDevelopmentStorage=true;AccountName=acct", "UseDevelopmentStorage must be 'true' and stand alone")]
    [InlineData("just garbage", "Name=Value")]
    public void Bad_strings_are_refused_with_the_reason(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => TableStorageConnectionString.Parse(connectionString));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_errors_nor_text_forms_reveal_the_key()
    {
        var error = Assert.Throws<FormatException>(() => TableStorageConnectionString.Parse($"AccountKey={Key};AccountKey={Key}"));
        var parsed = TableStorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_rejects_a_bad_string_before_any_request()
    {
        Assert.Throws<FormatException>(() => new TableStorageClient("AccountName=acct"));
    }

    private static (string Name, string Key) Deconstruct(TableStorageConnectionString parsed)
    {
        var (name, key) = parsed.Credential;
        return (name, key);
    }
}
