using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Alerts.Core.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Endpoints;

/// <summary>Ids of things the API creates: chosen by the client (URL-safe) or generated with a readable prefix.</summary>
internal static partial class ApiIds
{
    public const string Rule = "ru_";
    public const string Watchlist = "wl_";
    public const string Channel = "ch_";
    public const string Subscription = "su_";
    public const string Tenant = "tn_";

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The problem with a client-chosen id, or null when it is fine.</summary>
    public static FieldError? Check(string? id) =>
        id is null || ClientId().IsMatch(id) ? null : new FieldError("id", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");

    /// <summary>Evaluators cache the catalog; a change made through the API must be seen at once by this process.</summary>
    public static void CatalogChanged(HttpContext context) => context.RequestServices.GetService<ICatalogSource>()?.Invalidate();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ClientId();
}
