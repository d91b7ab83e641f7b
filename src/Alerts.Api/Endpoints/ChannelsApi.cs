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

    private static Task<IResult> CreateAsync(
        HttpRequest request, ApiCaller caller, IChannelRepository channels, ChannelValidator validator, ApiOptions options, CancellationToken cancellationToken) =>
        CatalogWrite.CreateAsync(Item(caller, channels, validator), request, options, cancellationToken);

    private static Task<IResult> ReplaceAsync(
        string id, HttpRequest request, ApiCaller caller, IChannelRepository channels, ChannelValidator validator, ApiOptions options, CancellationToken cancellationToken) =>
        CatalogWrite.ReplaceAsync(Item(caller, channels, validator), id, request, options, cancellationToken);

    private static CatalogItem<ChannelRequest, Channel, ChannelView> Item(ApiCaller caller, IChannelRepository channels, ChannelValidator validator) => new(
        "channel", "channels", ApiIds.Channel, ApiJsonContext.Default.ChannelRequest, r => r.Id,
        (id, ct) => channels.GetAsync(caller.TenantId, id, ct),
        (r, id, stored, _) => Task.FromResult(Build(r, id, stored, caller, validator)),
        channels.UpsertAsync,
        View);

    /// <summary>On update an omitted target or secret keeps the stored one; re-enabling clears the reason it was disabled.</summary>
    private static (Channel?, IResult?) Build(ChannelRequest given, string id, Channel? stored, ApiCaller caller, ChannelValidator validator)
    {
        if (stored is not null && given.Kind != stored.Kind && given.Target is null)
        {
            return (null, ApiProblems.Invalid("target", "is required when the kind changes"));
        }

        var enabled = given.Enabled ?? stored?.Enabled ?? true;
        var channel = new Channel(
            caller.TenantId, id, given.Name, given.Kind, given.Target ?? stored?.Target ?? string.Empty, given.Secret ?? stored?.Secret, enabled,
            enabled ? null : stored?.DisabledReason);
        var errors = validator.Validate(channel).Select(e => new FieldError(e.Field, e.Message)).ToList();
        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (channel, null);
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
        string id, ApiCaller caller, IChannelRepository channels, NotifierRegistry notifiers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await channels.GetAsync(caller.TenantId, id, cancellationToken) is not { } channel)
        {
            return ApiProblems.NotFound("channel", id);
        }

        var now = time.GetUtcNow();
        var alert = new Alert(
            caller.TenantId, ApiIds.New("al_test_"), "test", "Test alert", "test:sample", MarketEventKind.Announcement, null, "Example Holdings",
            "Test alert from Alerts", "This is a test sent from the management API to check the channel.", null, [], null, null, null, null, now, now);
        var delivery = new Core.Model.Delivery(caller.TenantId, ApiIds.New("dl_test_"), alert.Id, channel.Id, channel.Kind, DeliveryStatus.Pending, 0, now, now);
        DeliveryResult result;
        try
        {
            result = await notifiers.SendAsync(new DeliveryRequest(alert, channel, delivery, now), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = new DeliveryResult.Permanent(FailureReason.Internal, "the sender failed: " + exception.GetType().Name, null);
        }

        return TypedResults.Ok(result switch
        {
            DeliveryResult.Delivered delivered => new TestSendResult("Delivered", delivered.StatusCode, FailureReason.None, null),
            DeliveryResult.Retryable retryable => new TestSendResult("Retryable", retryable.StatusCode, retryable.Reason, retryable.Detail),
            DeliveryResult.Permanent permanent => new TestSendResult("Permanent", permanent.StatusCode, permanent.Reason, permanent.Detail),
            _ => new TestSendResult("Unknown", result.StatusCode, FailureReason.Internal, null),
        });
    }
}
