namespace Alerts.Storage.Tables;

/// <summary>
/// The one failure type of <see cref="TableStorageClient"/>: the service refused a request (<see cref="Status"/> and
/// <see cref="ErrorCode"/> from its <c>odata.error</c> body) or no response came back after the pipeline's retries
/// (<see cref="Status"/> 0). Messages never carry credentials.
/// </summary>
public sealed class TableStorageException : Exception
{
    public TableStorageException()
    {
    }

    public TableStorageException(string message)
        : base(message)
    {
    }

    public TableStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableStorageException(int status, string? errorCode, string? requestId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status, or 0 when the request never got a response.</summary>
    public int Status { get; }

    /// <summary>The service's error code, e.g. <see cref="TableErrorCode.EntityAlreadyExists"/>; null when it sent none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's <c>x-ms-request-id</c>, to quote to Azure support.</summary>
    public string? RequestId { get; }
}
