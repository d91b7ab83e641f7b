using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tables.Tests;

/// <summary>
/// The Entra ID path. Azure.Core refuses bearer tokens over plain http, so the request is caught by an in-process
/// HttpMessageHandler on an https address instead of the loopback server; nothing leaves the process.
/// </summary>
public sealed class TableStorageClientBearerTests
{
    [Fact]
    public async Task A_token_credential_is_asked_for_the_storage_scope_and_sent_as_a_bearer_token()
    {
        var handler = new RecordingHandler();
        var credential = new FixedTokenCredential();
        var options = new TableStorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var client = new TableStorageClient(new Uri("https://acct.table.core.windows.net"), credential, options);

        await client.CreateTableIfNotExistsAsync("orders", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("https://acct.table.core.windows.net/Tables"), request.RequestUri);
        Assert.Equal("Bearer token-for-storage", request.Headers.Authorization?.ToString());
        Assert.True(request.Headers.Contains("x-ms-date"));
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public List<string[]> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Add(requestContext.Scopes);
            return new AccessToken("token-for-storage", DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}
