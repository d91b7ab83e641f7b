using Alerts.Core.Model;
using Alerts.Core.Notifications;

namespace Alerts.Delivery;

/// <summary>
/// Channel kind → notifier. Built from the one list of notifiers (see <see cref="DeliveryServiceCollectionExtensions"/>);
/// a kind with no notifier gets a clear permanent failure instead of an exception.
/// </summary>
public sealed class NotifierRegistry
{
    private readonly Dictionary<ChannelKind, INotifier> _notifiers = [];

    public NotifierRegistry(IEnumerable<INotifier> notifiers)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        foreach (var notifier in notifiers)
        {
            if (!_notifiers.TryAdd(notifier.Kind, notifier))
            {
                throw new ArgumentException($"Two notifiers registered for channel kind {notifier.Kind}.", nameof(notifiers));
            }
        }
    }

    public IReadOnlyCollection<ChannelKind> Kinds => _notifiers.Keys;

    public bool Supports(ChannelKind kind) => _notifiers.ContainsKey(kind);

    public INotifier? Find(ChannelKind kind) => _notifiers.GetValueOrDefault(kind);

    /// <summary>One attempt through the channel's notifier (see <see cref="INotifier.SendAsync"/>).</summary>
    public Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Channel.Kind;
        return _notifiers.TryGetValue(kind, out var notifier)
            ? notifier.SendAsync(request, cancellationToken)
            : Task.FromResult<DeliveryResult>(new DeliveryResult.Permanent(
                FailureReason.InvalidTarget, $"no notifier is configured for channel kind {kind}", null));
    }
}
