namespace Alerts.Sources.Feeds;

/// <summary>
/// The HTTP edge of <see cref="FeedHostGate"/> on one source's client: refuses to contact a held host, waits for the host's
/// request slot when the source has a minimum interval, and tells the gate what each answer was.
/// </summary>
internal sealed class PoliteFeedHandler(FeedHostGate gate, TimeSpan minInterval) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (gate.Check(url) is { } held)
        {
            throw held;
        }

        await gate.WaitTurnAsync(url, minInterval, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(url, response);
        return response;
    }
}
