namespace Alerts.Sources.Parsing;

/// <summary>Gathers the rows a parser kept and the problems of the rows it skipped.</summary>
internal sealed class ParseCollector<T>
{
    private readonly List<T> _items = [];
    private readonly List<FeedProblem> _problems = [];

    public void Add(T item) => _items.Add(item);

    /// <summary>Keeps what a mapper made of the row at <paramref name="where"/>, or records why it skipped the row.</summary>
    public void Add(string where, T? item, string? problem)
    {
        if (problem is null)
        {
            Add(item!);
        }
        else
        {
            Problem(where, problem);
        }
    }

    public void Problem(string where, string message) => _problems.Add(new FeedProblem(where, message));

    public ParseResult<T> ToResult() => new(_items, _problems);
}
