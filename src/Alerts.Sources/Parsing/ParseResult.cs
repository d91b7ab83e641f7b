namespace Alerts.Sources.Parsing;

/// <summary>A problem with one row of an otherwise readable document: the row was skipped, the rest of the batch was kept.</summary>
/// <param name="Where">Where in the document, e.g. <c>newsInfoLst[3]</c> or <c>line 2</c>.</param>
public sealed record FeedProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>
/// What a parser made of one document: the rows it could read, a problem per row it had to skip, and <see cref="Error"/>
/// when the document as a whole could not be read (then there are no items).
/// </summary>
public sealed record ParseResult<T>(IReadOnlyList<T> Items, IReadOnlyList<FeedProblem> Problems, string? Error = null)
{
    public bool IsMalformed => Error is not null;

    public static ParseResult<T> Malformed(string error) => new([], [], error);
}
