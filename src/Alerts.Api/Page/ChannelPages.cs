using Alerts.Api.Endpoints;
using Alerts.Api.Json;
using Alerts.Api.Page.Components;
using Alerts.Core.Model;
using Alerts.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>
/// Channels: the person's confirmed email, chat webhooks (Slack, Teams, Discord), signed webhooks (the secret is made here
/// and shown once), each with a test send that reports what the far end answered, and each can be renamed, turned off and on,
/// or removed (<see cref="ChannelRemoval"/>). Saved by the API's own channel code.
/// </summary>
internal static class ChannelPages
{
    private const string Title = "Channels";

    /// <summary>The rename form's field, apart from the new-channel form's "name".</summary>
    public const string RenameField = "rename";

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/channels", (HttpContext http, ChannelsApi.Deps deps) => RenderAsync(http, deps, new ChannelsModel([], new ChannelForm())));
        forms.MapPost("/channels", CreateAsync);
        forms.MapPost("/channels/test", TestAsync);
        forms.MapPost("/channels/enable", (HttpContext http, ChannelsApi.Deps deps) => SwitchAsync(http, deps, true));
        forms.MapPost("/channels/disable", (HttpContext http, ChannelsApi.Deps deps) => SwitchAsync(http, deps, false));
        forms.MapPost("/channels/rename", RenameAsync);
        ChannelRemoval.Map(page, forms);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ChannelsApi.Deps deps)
    {
        var user = PageUserFilter.User(http);
        var fields = await http.Request.ReadFormAsync(http.RequestAborted);
        var form = new ChannelForm(fields["name"], fields["kind"].ToString(), fields["target"]);
        if (!Enum.TryParse<ChannelKind>(form.Kind, out var kind) || kind == ChannelKind.ServiceBus)
        {
            return await RenderAsync(http, deps, new ChannelsModel([], form, PageErrors.Of(new FieldError("kind", "choose one of the kinds listed"))), StatusCodes.Status400BadRequest);
        }

        var secret = kind == ChannelKind.Webhook ? Delivery.Webhooks.WebhookSecret.Generate() : null;
        var (channel, problem) = ChannelsApi.Build(new ChannelRequest(form.Name ?? string.Empty, kind, form.Target?.Trim(), secret), ApiIds.New(ApiIds.Channel), null, user.TenantId, deps.Validator);
        if (channel is null)
        {
            return await RenderAsync(http, deps, new ChannelsModel([], form, PageErrors.Of(problem!, "target")), StatusCodes.Status400BadRequest);
        }

        await deps.SaveAsync(channel, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        var notice = channel.Enabled ? $"Channel “{channel.Name}” added." : $"Channel “{channel.Name}” added: {channel.DisabledReason}.";
        return secret is null
            ? PageResults.SeeOther("/channels")
            : await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), NewSecret: secret), notice: notice);
    }

    private static async Task<IResult> TestAsync(HttpContext http, ChannelsApi.Deps deps, NotifierRegistry notifiers, Access.AbuseLimits limits, TimeProvider time)
    {
        var user = PageUserFilter.User(http);
        var id = (await http.Request.ReadFormAsync(http.RequestAborted))["channel"].ToString();
        var result = await ChannelsApi.TestAsync(user.TenantId, id, deps.Channels, notifiers, limits, time, http.RequestAborted);
        return result is null
            ? await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), StatusCodes.Status404NotFound, "That channel no longer exists.")
            : await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), TestedId: id, Tested: result));
    }

    /// <summary>Switches a channel off, or back on; an email address gets a confirmation link first (after an unsubscribe, say).</summary>
    private static async Task<IResult> SwitchAsync(HttpContext http, ChannelsApi.Deps deps, bool on)
    {
        var user = PageUserFilter.User(http);
        var id = (await http.Request.ReadFormAsync(http.RequestAborted))["channel"].ToString();
        if (await deps.Channels.GetAsync(user.TenantId, id, http.RequestAborted) is not { } stored)
        {
            return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), StatusCodes.Status404NotFound, "That channel no longer exists.");
        }

        var (channel, problem) = ChannelsApi.Build(new ChannelRequest(stored.Name, stored.Kind, Enabled: on), id, stored, user.TenantId, deps.Validator);
        if (channel is null)
        {
            return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), PageErrors.Of(problem!, "target")), StatusCodes.Status400BadRequest);
        }

        await deps.SaveAsync(channel, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        var notice = !on ? $"“{channel.Name}” is off: alerts will not go there until you turn it back on."
            : channel.Enabled ? $"“{channel.Name}” is on again." : $"“{channel.Name}”: {channel.DisabledReason}.";
        return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), notice: notice);
    }

    private static async Task<IResult> RenameAsync(HttpContext http, ChannelsApi.Deps deps)
    {
        var user = PageUserFilter.User(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var id = form["channel"].ToString();
        if (await deps.Channels.GetAsync(user.TenantId, id, http.RequestAborted) is not { } stored)
        {
            return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), StatusCodes.Status404NotFound, "That channel no longer exists.");
        }

        var (channel, problem) = ChannelsApi.Build(new ChannelRequest(form["name"].ToString(), stored.Kind), id, stored, user.TenantId, deps.Validator);
        if (channel is null)
        {
            var errors = PageErrors.Of(problem!, RenameField, f => f == "name" ? RenameField : f);
            return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm(), errors, RenamingId: id), StatusCodes.Status400BadRequest);
        }

        await deps.SaveAsync(channel, http.RequestAborted);
        ApiIds.CatalogChanged(http);
        return await RenderAsync(http, deps, new ChannelsModel([], new ChannelForm()), notice: $"“{stored.Name}” is now called “{channel.Name}”.");
    }

    internal static async Task<IResult> RenderAsync(HttpContext http, ChannelsApi.Deps deps, ChannelsModel model, int status = StatusCodes.Status200OK, string? notice = null)
    {
        var user = PageUserFilter.User(http);
        var channels = (await deps.Channels.ListAsync(user.TenantId, http.RequestAborted)).Select(ChannelsApi.View).ToList();
        return PageResults.Render<ChannelsPage>(PageResults.Frame(http, Title, user, notice, "/channels"), model with { Channels = channels }, status);
    }
}
