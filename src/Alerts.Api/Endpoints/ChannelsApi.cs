using Alerts.Api.Access;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using Alerts.Delivery;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// Channels of every kind the delivery layer validates. Targets that are URLs are credentials and secrets are write-only:
/// answers show a URL's scheme and host only, and whether a secret is set.
/// </summary>
internal static class ChannelsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/channels", ListAsync).Produces<ItemList<ChannelView>>();
        group.MapPost("/channels", CreateAsync).Accepts<ChannelRequest>("application/json").Produces<ChannelView>(StatusCodes.Status201Created);
        group.MapGet("/channels/{id}", GetAsync).Produces<ChannelView>();
        group.MapPut("/channels/{id}", ReplaceAsync).Accepts<ChannelRequest>("application/json").Produces<ChannelView>();
        group.MapDelete("/channels/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        group.MapPost("/channels/{id}/test", TestSendAsync).Produces<TestSendResult>();
    }

    public static ChannelView View(Channel channel) => new(
        channel.Id, channel.Name, channel.Kind, Shown(channel), channel.Secret is not null, channel.Enabled, channel.DisabledReason);

    private static string Shown(Channel channel) =>
        channel.Kind == ChannelKind.Email ? channel.Target
        : Uri.TryCreate(channel.Target, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}/…" : "…";

    private static async Task<IResult> ListAsync(ApiCaller caller, IChannelRepository channels, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemList<ChannelView>([.. (await channels.ListAsync(caller.TenantId, cancellationToken)).Select(View)]));

    private static async Task<IResult> GetAsync(string id, ApiCaller caller, IChannelRepository channels, CancellationToken cancellationToken) =>
        await channels.GetAsync(caller.TenantId, id, cancellationToken) is { } channel ? TypedResults.Ok(View(channel)) : ApiProblems.NotFound("channel", id);

    private static Task<IResult> CreateAsync(HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.CreateAsync(Item(caller, deps), request, deps.Options, cancellationToken);

    private static Task<IResult> ReplaceAsync(string id, HttpRequest request, ApiCaller caller, Deps deps, CancellationToken cancellationToken) =>
        CatalogWrite.ReplaceAsync(Item(caller, deps), id, request, deps.Options, cancellationToken);

    private static CatalogItem<ChannelRequest, Channel, ChannelView> Item(ApiCaller caller, Deps deps) => new(
        "channel", "channels", ApiIds.Channel, ApiJsonContext.Default.ChannelRequest, r => r.Id,
        (id, ct) => deps.Channels.GetAsync(caller.TenantId, id, ct),
        (r, id, stored, _) => Task.FromResult(Build(r, id, stored, caller.TenantId, deps.Validator)),
        deps.SaveAsync,
        View);

    /// <summary>
    /// On update an omitted target or secret keeps the stored one; re-enabling clears the reason it was disabled. An email
    /// address that would start receiving without being confirmed is saved waiting for its confirmation link instead.
    /// </summary>
    internal static (Channel?, IResult?) Build(ChannelRequest given, string id, Channel? stored, string tenantId, ChannelValidator validator)
    {
        if (stored is not null && given.Kind != stored.Kind && given.Target is null)
        {
            return (null, ApiProblems.Invalid("target", "is required when the kind changes"));
        }

        var enabled = given.Enabled ?? stored?.Enabled ?? true;
        var channel = new Channel(
            tenantId, id, given.Name, given.Kind, given.Target ?? stored?.Target ?? string.Empty, given.Secret ?? stored?.Secret, enabled,
            enabled ? null : stored?.DisabledReason);
        var errors = validator.Validate(channel).Select(e => new FieldError(e.Field, e.Message)).ToList();
        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (Subscribers.EmailOptIn.Gate(channel, stored), null);
    }

    /// <summary>What the channel handlers share, bound as one parameter.</summary>
    internal sealed class Deps(IChannelRepository channels, ChannelValidator validator, Subscribers.EmailOptIn optIn, ApiOptions options)
    {
        public IChannelRepository Channels => channels;

        public ChannelValidator Validator => validator;

        public ApiOptions Options => options;

        /// <summary>Saves, then mails the confirmation link if the channel waits for one.</summary>
        public async Task SaveAsync(Channel channel, CancellationToken cancellationToken)
        {
            await channels.UpsertAsync(channel, cancellationToken);
            await optIn.AfterSaveAsync(channel, cancellationToken);
        }
    }

    private static async Task<IResult> DeleteAsync(
        string id, HttpContext context, ApiCaller caller, IChannelRepository channels, ISubscriptionRepository subscriptions, ITenantCatalogRepository catalog, CancellationToken cancellationToken)
    {
        if (await channels.GetAsync(caller.TenantId, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("channel", id);
        }

        var users = (await subscriptions.ListAsync(caller.TenantId, cancellationToken)).Where(s => s.ChannelIds.Contains(id)).Select(s => s.Id).ToList();
        if (users.Count > 0)
        {
            return ApiProblems.Conflict($"channel '{id}' is used by subscription(s) {string.Join(", ", users.Select(u => $"'{u}'"))}; change or delete them first");
        }

        await catalog.DeleteChannelAsync(caller.TenantId, id, cancellationToken);
        ApiIds.CatalogChanged(context);
        return TypedResults.NoContent();
    }

    /// <summary>One real attempt with a sample alert through the channel's notifier; the outcome is reported, not retried or recorded.</summary>
    private static async Task<IResult> TestSendAsync(
        string id, ApiCaller caller, IChannelRepository channels, NotifierRegistry notifiers, TimeProvider time, CancellationToken cancellationToken) =>
        await TestAsync(caller.TenantId, id, channels, notifiers, time, cancellationToken) is { } result ? TypedResults.Ok(result) : ApiProblems.NotFound("channel", id);

    /// <summary>The test send itself (the page's button calls it too); null when the tenant has no such channel.</summary>
    internal static async Task<TestSendResult?> TestAsync(
        string tenantId, string id, IChannelRepository channels, NotifierRegistry notifiers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await channels.GetAsync(tenantId, id, cancellationToken) is not { } channel)
        {
            return null;
        }

        if (Subscribers.EmailOptIn.IsAwaiting(channel))
        {
            return new TestSendResult("Permanent", null, FailureReason.InvalidTarget, "the address is not confirmed yet: nothing but the confirmation email is sent to it");
        }

        var now = time.GetUtcNow();
        var alert = new Alert(
            tenantId, ApiIds.New("al_test_"), "test", "Test alert", "test:sample", MarketEventKind.Announcement, null, "Example Holdings",
            "Test alert from Alerts", "This is a test sent from the management API to check the channel.", null, [], null, null, null, null, now, now);
        var delivery = new Core.Model.Delivery(tenantId, ApiIds.New("dl_test_"), alert.Id, channel.Id, channel.Kind, DeliveryStatus.Pending, 0, now, now);
        DeliveryResult result;
        try
        {
            result = await notifiers.SendAsync(new DeliveryRequest(alert, channel, delivery, now), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = new DeliveryResult.Permanent(FailureReason.Internal, "the sender failed: " + exception.GetType().Name, null);
        }

        return result switch
        {
            DeliveryResult.Delivered delivered => new TestSendResult("Delivered", delivered.StatusCode, FailureReason.None, null),
            DeliveryResult.Retryable retryable => new TestSendResult("Retryable", retryable.StatusCode, retryable.Reason, retryable.Detail),
            DeliveryResult.Permanent permanent => new TestSendResult("Permanent", permanent.StatusCode, permanent.Reason, permanent.Detail),
            _ => new TestSendResult("Unknown", result.StatusCode, FailureReason.Internal, null),
        };
    }
}
