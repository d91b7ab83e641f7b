using Alerts.Api.Endpoints;
using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>What removing a channel would change: rules that also send elsewhere stop sending here; rules that send only here block it.</summary>
public sealed record ChannelRemovalImpact(ChannelView Channel, IReadOnlyList<string> Losing, IReadOnlyList<string> Blocking);

/// <summary>
/// Removing a channel on the page: a link opens a confirmation (plain HTML, so it works with JavaScript off) that says which
/// rules stop sending there; only the confirmation's form removes it. The API refuses to delete a channel a subscription
/// uses; the page takes the channel off those rules itself, unless it is a rule's only channel, and never removes the
/// address the person signs in with (that one can be turned off).
/// </summary>
internal static class ChannelRemoval
{
    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/channels/remove", ConfirmAsync);
        forms.MapPost("/channels/remove", RemoveAsync);
    }

    private static async Task<IResult> ConfirmAsync(HttpContext http, string? channel, ChannelsApi.Deps deps, ISubscriptionRepository subscriptions, IRuleRepository rules)
    {
        var user = PageUserFilter.User(http);
        if (await ImpactAsync(user.TenantId, channel ?? string.Empty, deps, subscriptions, rules, http.RequestAborted) is not { } found)
        {
            return await ChannelPages.RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), StatusCodes.Status404NotFound, "That channel no longer exists.");
        }

        return await ChannelPages.RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), Removing: found.Impact));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, ChannelsApi.Deps deps, ISubscriptionRepository subscriptions, IRuleRepository rules, ITenantCatalogRepository catalog)
    {
        var user = PageUserFilter.User(http);
        var id = (await http.Request.ReadFormAsync(http.RequestAborted))["channel"].ToString();
        if (await ImpactAsync(user.TenantId, id, deps, subscriptions, rules, http.RequestAborted) is not { } found)
        {
            return await ChannelPages.RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), StatusCodes.Status404NotFound, "That channel no longer exists.");
        }

        var (impact, users) = found;

        if (impact.Blocking.Count > 0 || id == Subscribers.SubscriberAccounts.EmailChannelId)
        {
            return await ChannelPages.RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), Removing: impact), StatusCodes.Status409Conflict);
        }

        foreach (var subscription in users)
        {
            await subscriptions.UpsertAsync(subscription with { ChannelIds = [.. subscription.ChannelIds.Where(c => c != id)] }, http.RequestAborted);
        }

        await catalog.DeleteChannelAsync(user.TenantId, id, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        return await ChannelPages.RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), notice: $"“{impact.Channel.Name}” is removed: no alert goes there any more.");
    }

    private static async Task<(ChannelRemovalImpact Impact, IReadOnlyList<Subscription> Using)?> ImpactAsync(
        string tenantId, string id, ChannelsApi.Deps deps, ISubscriptionRepository subscriptions, IRuleRepository rules, CancellationToken cancellationToken)
    {
        if (id.Length == 0 || await deps.Channels.GetAsync(tenantId, id, cancellationToken) is not { } channel)
        {
            return null;
        }

        var names = (await rules.ListAsync(tenantId, cancellationToken)).ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        var users = (await subscriptions.ListAsync(tenantId, cancellationToken)).Where(s => s.ChannelIds.Contains(id)).ToList();
        string Name(Subscription s) => names.GetValueOrDefault(s.RuleId) ?? s.RuleId;
        return (new ChannelRemovalImpact(
            ChannelsApi.View(channel),
            [.. users.Where(s => s.ChannelIds.Count > 1).Select(Name).Distinct()],
            [.. users.Where(s => s.ChannelIds.Count == 1).Select(Name).Distinct()]), users);
    }
}
