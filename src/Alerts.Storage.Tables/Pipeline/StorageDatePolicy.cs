using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tables.Pipeline;

/// <summary>Stamps <c>x-ms-date</c> (RFC 1123) on every attempt, so a retried request carries a fresh, signable date.</summary>
internal sealed class StorageDatePolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "x-ms-date";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HeaderName, timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
}
