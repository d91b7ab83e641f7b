namespace Alerts.Delivery.Http;

/// <summary>Thrown from the connect step when every address a host resolves to is refused by the endpoint policy.</summary>
public sealed class EndpointRefusedException : Exception
{
    public EndpointRefusedException()
    {
    }

    public EndpointRefusedException(string reason)
        : base(reason)
    {
    }

    public EndpointRefusedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
