using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Api.Page;

/// <summary>The API's problem answers turned into messages by field, so the page shows each next to its input.</summary>
internal static class PageErrors
{
    public static IReadOnlyDictionary<string, string[]> Of(params FieldError[] errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    public static IReadOnlyDictionary<string, string[]> Of(IEnumerable<FieldError> errors) => Of([.. errors]);

    /// <summary>The field errors of a validation problem, or the detail of any other problem under <paramref name="fallbackField"/>.</summary>
    public static IReadOnlyDictionary<string, string[]> Of(IResult problem, string fallbackField, Func<string, string>? rename = null) => problem switch
    {
        ValidationProblem validation => validation.ProblemDetails.Errors
            .GroupBy(e => (rename ?? (f => f))(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()),
        ProblemHttpResult other => Of(new FieldError(fallbackField, other.ProblemDetails.Detail ?? other.ProblemDetails.Title ?? "was refused")),
        _ => Of(new FieldError(fallbackField, "was refused")),
    };
}
