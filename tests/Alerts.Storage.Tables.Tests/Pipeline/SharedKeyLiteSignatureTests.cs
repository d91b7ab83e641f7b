using Alerts.Storage.Tables.Pipeline;

namespace Alerts.Storage.Tables.Tests.Pipeline;

public sealed class SharedKeyLiteSignatureTests
{
    private const string Date = "Tue, 04 Mar 2025 10:00:00 GMT";

    [Theory]
    [InlineData("devstoreaccount1", "http://127.0.0.1:10002/devstoreaccount1/Orders()?$filter=x&NextPartitionKey=1", "/devstoreaccount1/devstoreaccount1/Orders()")]
    [InlineData("acct", "https://acct.table.core.windows.net/Orders(PartitionKey='tenantA',RowKey='order-42')", "/acct/Orders(PartitionKey='tenantA',RowKey='order-42')")]
    [InlineData("acct", "https://acct.table.core.windows.net/Orders(PartitionKey='O%27%27Brien',RowKey='%E6%99%BA')", "/acct/Orders(PartitionKey='O%27%27Brien',RowKey='%E6%99%BA')")]
    [InlineData("acct", "https://acct.table.core.windows.net/Orders?comp=acl&timeout=5", "/acct/Orders?comp=acl")]
    public void The_canonicalized_resource_is_account_plus_encoded_path_plus_comp_only(string account, string url, string expected)
    {
        Assert.Equal(expected, SharedKeyLiteSignature.CanonicalizedResource(account, new Uri(url)));
    }

    [Fact]
    public void The_string_to_sign_is_the_date_and_the_resource()
    {
        Assert.Equal(
            "Tue, 04 Mar 2025 10:00:00 GMT\n/acct/Orders()",
            SharedKeyLiteSignature.StringToSign(Date, "/acct/Orders()"));
    }

    [Fact]
    public void The_signature_matches_one_computed_by_hand()
    {
        // printf 'Tue, 04 Mar 2025 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Orders(PartitionKey='"'"'tenantA'"'"',RowKey='"'"'order-42'"'"')' \
        //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:<hex of the devstoreaccount1 key> -binary | base64
        var stringToSign = SharedKeyLiteSignature.StringToSign(Date, "/devstoreaccount1/devstoreaccount1/Orders(PartitionKey='tenantA',RowKey='order-42')");

        Assert.Equal(
            "hiNyms/BKDsdp/HIjUF4Cx4pbKIlT8zia6B2iCrRoRE=",
            SharedKeyLiteSignature.Sign(TableStorageConnectionString.DevelopmentAccountKey, stringToSign));
    }
}
