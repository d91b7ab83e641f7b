namespace Alerts.Sources.Parsing;

/// <summary>Gathers the rows a parser kept and the problems of the rows it skipped.</summary>
internal sealed class ParseCollector<T>
{
    private readonly List<T> _items = [];
    private readonly List<FeedProblem> _problems = [];

    public void Add(T item) => _items.Add(item);

    public void Problem(string where, string message) => _problems.Add(new FeedProblem(where, message));

    public ParseResult<T> ToResult() => new(_items, _problems);
}
