using System.Net;
using System.Net.Sockets;
using Alerts.Delivery.Endpoints;

namespace Alerts.Delivery.Http;

/// <summary>
/// The connect step of the delivery HTTP handler: resolves the host itself, keeps only the addresses the policy allows and
/// connects to those. Checking the address actually dialled (not an earlier lookup) closes the DNS-rebinding gap.
/// <paramref name="resolve"/> replaces DNS in tests (a host name that answers any address without a DNS server).
/// </summary>
internal sealed class GuardedConnector(EndpointPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken);

        var permitted = new List<IPAddress>(addresses.Length);
        string? firstRefusal = null;
        foreach (var address in addresses)
        {
            var check = policy.Check(host, address);
            if (check.IsAllowed)
            {
                permitted.Add(address);
            }
            else
            {
                firstRefusal ??= check.Reason;
            }
        }

        if (permitted.Count == 0)
        {
            throw new EndpointRefusedException(firstRefusal ?? "host has no addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. permitted], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
