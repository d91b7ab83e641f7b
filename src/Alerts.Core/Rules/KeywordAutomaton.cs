namespace Alerts.Core.Rules;

/// <summary>
/// Aho-Corasick over every rule's keywords at once: one pass over an announcement's folded title finds all keywords it
/// contains, however many rules there are. Keywords and text must already be folded with <see cref="Text.TextNormalizer"/>.
/// </summary>
public sealed class KeywordAutomaton
{
    private readonly Dictionary<char, int>[] _next;
    private readonly int[] _fail;
    private readonly int[][] _outputs;

    private KeywordAutomaton(Dictionary<char, int>[] next, int[] fail, int[][] outputs)
    {
        _next = next;
        _fail = fail;
        _outputs = outputs;
    }

    public static KeywordAutomaton Empty { get; } = Build([]);

    /// <summary>Builds the automaton; keyword i is reported as id i.</summary>
    public static KeywordAutomaton Build(IReadOnlyList<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var next = new List<Dictionary<char, int>> { new() };
        var outputs = new List<List<int>> { new() };
        for (var id = 0; id < keywords.Count; id++)
        {
            var state = 0;
            foreach (var ch in keywords[id])
            {
                if (!next[state].TryGetValue(ch, out var child))
                {
                    child = next.Count;
                    next[state][ch] = child;
                    next.Add(new Dictionary<char, int>());
                    outputs.Add(new List<int>());
                }

                state = child;
            }

            if (keywords[id].Length > 0)
            {
                outputs[state].Add(id);
            }
        }

        var fail = new int[next.Count];
        var queue = new Queue<int>();
        foreach (var child in next[0].Values)
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (ch, child) in next[state])
            {
                var fallback = fail[state];
                while (fallback != 0 && !next[fallback].ContainsKey(ch))
                {
                    fallback = fail[fallback];
                }

                fail[child] = next[fallback].TryGetValue(ch, out var target) && target != child ? target : 0;
                outputs[child].AddRange(outputs[fail[child]]);
                queue.Enqueue(child);
            }
        }

        return new KeywordAutomaton(
            [.. next],
            fail,
            [.. outputs.Select(o => o.Count == 0 ? [] : o.Distinct().ToArray())]);
    }

    public int StateCount => _next.Length;

    /// <summary>Marks every keyword found in <paramref name="foldedText"/> in <paramref name="found"/> (indexed by keyword id).</summary>
    public void FindAll(string foldedText, ISet<int> found)
    {
        ArgumentNullException.ThrowIfNull(foldedText);
        ArgumentNullException.ThrowIfNull(found);
        var state = 0;
        foreach (var ch in foldedText)
        {
            while (state != 0 && !_next[state].ContainsKey(ch))
            {
                state = _fail[state];
            }

            state = _next[state].GetValueOrDefault(ch);
            foreach (var id in _outputs[state])
            {
                found.Add(id);
            }
        }
    }
}
