using Azure.Core;

namespace Alerts.Storage.Tables;

/// <summary>
/// Pipeline options for <see cref="TableStorageClient"/>: <see cref="ClientOptions.Retry"/> is the only retry layer on the
/// Table Storage path (408, 429, 5xx and transport failures); request ids, logging and telemetry come from Azure.Core.
/// </summary>
public sealed class TableStorageClientOptions : ClientOptions
{
    /// <summary>The Table service REST versions this client speaks.</summary>
    public enum ServiceVersion
    {
        /// <summary>2019-02-02, the version Azure.Data.Tables pins and Azurite accepts.</summary>
        V2019_02_02 = 1,
    }

    public TableStorageClientOptions(ServiceVersion version = ServiceVersion.V2019_02_02)
    {
        Version = version;
    }

    public ServiceVersion Version { get; }

    /// <summary>The clock that stamps <c>x-ms-date</c> on every attempt (signatures are only valid for a few minutes).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal string VersionHeaderValue => Version switch
    {
        ServiceVersion.V2019_02_02 => "2019-02-02",
        _ => throw new NotSupportedException($"Table service version {Version} is not supported."),
    };
}
