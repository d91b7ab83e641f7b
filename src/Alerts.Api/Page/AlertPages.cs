using Alerts.Api.Page.Components;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>Recent alerts with each channel's delivery status, and a second chance for a dead-lettered delivery.</summary>
internal static class AlertPages
{
    private const string Title = "Recent alerts";
    private const int Shown = 50;
    private const int Scanned = 500;

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/alerts", (HttpContext http, ITenantCatalogRepository catalog, IDeliveryRepository deliveries, IChannelRepository channels) =>
            RenderAsync(http, catalog, deliveries, channels, null));
        forms.MapPost("/alerts/redeliver", RedeliverAsync);
    }

    private static async Task<IResult> RedeliverAsync(
        HttpContext http, DeadLetterRedelivery redelivery, ITenantCatalogRepository catalog, IDeliveryRepository deliveries, IChannelRepository channels)
    {
        var user = PageUserFilter.User(http);
        var id = (await http.Request.ReadFormAsync(http.RequestAborted))["delivery"].ToString();
        if (await deliveries.GetAsync(user.TenantId, id, http.RequestAborted) is null)
        {
            return await RenderAsync(http, catalog, deliveries, channels, "That delivery does not exist.", StatusCodes.Status404NotFound);
        }

        var (message, problem) = await redelivery.RedeliverAsync(user.TenantId, id, http.RequestAborted);
        return await RenderAsync(http, catalog, deliveries, channels, message is null ? $"Not sent again: {problem}" : "Sending it again: the status below changes once it is delivered.");
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, ITenantCatalogRepository catalog, IDeliveryRepository deliveries, IChannelRepository channels, string? notice, int status = StatusCodes.Status200OK)
    {
        var user = PageUserFilter.User(http);
        var page = await catalog.PageAlertsAsync(user.TenantId, _ => true, Scanned, null, http.RequestAborted);
        var names = (await channels.ListAsync(user.TenantId, http.RequestAborted)).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var byAlert = (await deliveries.ListAsync(user.TenantId, http.RequestAborted)).ToLookup(d => d.AlertId, StringComparer.Ordinal);
        var lines = page.Items
            .OrderByDescending(a => a.OccurredAt)
            .Take(Shown)
            .Select(a => new AlertLine(a, [.. byAlert[a.Id].Select(d => new DeliveryLine(d.Id, names.GetValueOrDefault(d.ChannelId, d.ChannelId), d.Status, d.AttemptCount, d.LastError))]))
            .ToList();
        return PageResults.Render<AlertsPage>(PageResults.Frame(http, Title, user, notice, "/alerts"), new AlertsModel(lines), status);
    }
}
