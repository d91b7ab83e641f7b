using Microsoft.Extensions.DependencyInjection;
using Alerts.Api.Page.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Api.Page;

/// <summary>What every page shows around its content: the title, who is signed in, the anti-forgery token, a notice.</summary>
public sealed record PageFrame(string Title, PageUser? User, string AntiforgeryField, string AntiforgeryToken, string? Notice = null, string? Section = null);

/// <summary>A form that one button posts (confirm, sign in, unsubscribe): the token travels as a hidden field.</summary>
public sealed record ButtonForm(string Action, string Button, IReadOnlyDictionary<string, string> Fields);

/// <summary>Renders the page's Razor components (static server rendering) with their frame.</summary>
internal static class PageResults
{
    public static PageFrame Frame(HttpContext context, string title, PageUser? user, string? notice = null, string? section = null)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new PageFrame(title, user, tokens.FormFieldName, tokens.RequestToken ?? string.Empty, notice, section);
    }

    public static RazorComponentResult Render<TComponent>(PageFrame frame, object? model = null, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var parameters = new Dictionary<string, object?> { ["Frame"] = frame };
        if (model is not null)
        {
            parameters["Model"] = model;
        }

        return new RazorComponentResult<TComponent>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    public static RazorComponentResult Notice(HttpContext context, string title, string text, int status = StatusCodes.Status200OK, ButtonForm? form = null, PageUser? user = null)
    {
        PageSecurity.Apply(context.Response);
        return Render<NoticePage>(Frame(context, title, user), new NoticeModel(text, form), status);
    }

    /// <summary>After a change, back to a page with GET (so a reload does not post again), naming what was done.</summary>
    public static IResult SeeOther(string path) => new SeeOtherResult(path);

    private sealed class SeeOtherResult(string path) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = path;
            return Task.CompletedTask;
        }
    }
}

public sealed record NoticeModel(string Text, ButtonForm? Form);
