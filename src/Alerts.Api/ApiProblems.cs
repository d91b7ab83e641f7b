using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Api;

/// <summary>One thing wrong with a request, named by its field as the JSON spells it (<c>companies[2]</c>, <c>level</c>).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>RFC 9457 problem details for every error the API answers.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>400 with <c>errors</c> keyed by field, and a detail that names each field too.</summary>
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        return TypedResults.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", list),
            title: "The request is invalid; nothing was changed");
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>The same answer for a missing id and another tenant's id.</summary>
    public static ProblemHttpResult NotFound(string kind, string id) =>
        Status(StatusCodes.Status404NotFound, "Not found", $"no {kind} '{id}'");

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult TooLarge(int maxBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body may be at most {maxBytes} bytes");
}
