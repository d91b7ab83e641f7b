using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tables.Pipeline;

/// <summary>Signs each attempt with the account key; runs after <see cref="StorageDatePolicy"/> so it signs that attempt's date.</summary>
internal sealed class SharedKeyLitePolicy(AzureNamedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (!message.Request.Headers.TryGetValue(StorageDatePolicy.HeaderName, out var date) || date is null)
        {
            throw new InvalidOperationException($"{StorageDatePolicy.HeaderName} must be set before signing.");
        }

        // Read per request so AzureNamedKeyCredential.Update (key rotation) takes effect without a new client.
        var (accountName, accountKey) = credential;
        var resource = SharedKeyLiteSignature.CanonicalizedResource(accountName, message.Request.Uri.ToUri());
        var signature = SharedKeyLiteSignature.Sign(accountKey, SharedKeyLiteSignature.StringToSign(date, resource));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"{SharedKeyLiteSignature.Scheme} {accountName}:{signature}");
    }
}
