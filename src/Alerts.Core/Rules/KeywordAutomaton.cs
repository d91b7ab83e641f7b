using System.Numerics;

namespace Alerts.Core.Rules;

/// <summary>
/// Aho-Corasick over every rule's keywords at once: one pass over an announcement's folded title finds all keywords it
/// contains, however many rules there are. Keywords and text must already be folded with <see cref="Text.TextNormalizer"/>.
/// </summary>
/// <remarks>
/// Transitions live in one open-addressing table keyed by (state, char) rather than a dictionary per state: one probe per
/// character on the hot path and a few bytes per transition instead of a dictionary object per state.
/// </remarks>
public sealed class KeywordAutomaton
{
    private const long EmptyKey = -1;

    private readonly long[] _keys;
    private readonly int[] _targets;
    private readonly int _shift;
    private readonly int[] _fail;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;

    private KeywordAutomaton(long[] keys, int[] targets, int[] fail, int[] outputStart, int[] outputs)
    {
        _keys = keys;
        _targets = targets;
        _shift = 64 - BitOperations.Log2((uint)keys.Length);
        _fail = fail;
        _outputStart = outputStart;
        _outputs = outputs;
    }

    public static KeywordAutomaton Empty { get; } = Build([]);

    /// <summary>Builds the automaton; keyword i is reported as id i.</summary>
    public static KeywordAutomaton Build(IReadOnlyList<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var next = new List<Dictionary<char, int>> { new() };
        var outputs = new List<List<int>> { new() };
        var transitions = 0;
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
                    transitions++;
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

        // Flatten: transitions into a power-of-two table at most half full, outputs into one array with per-state offsets.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, transitions * 2));
        var keys = new long[size];
        Array.Fill(keys, EmptyKey);
        var targets = new int[size];
        var shift = 64 - BitOperations.Log2((uint)size);
        for (var state = 0; state < next.Count; state++)
        {
            foreach (var (ch, child) in next[state])
            {
                var key = Key(state, ch);
                var slot = Slot(key, shift);
                while (keys[slot] != EmptyKey)
                {
                    slot = (slot + 1) & (size - 1);
                }

                keys[slot] = key;
                targets[slot] = child;
            }
        }

        var outputStart = new int[next.Count + 1];
        var flat = new List<int>();
        for (var state = 0; state < next.Count; state++)
        {
            outputStart[state] = flat.Count;
            flat.AddRange(outputs[state].Distinct());
        }

        outputStart[next.Count] = flat.Count;
        return new KeywordAutomaton(keys, targets, fail, outputStart, [.. flat]);
    }

    public int StateCount => _fail.Length;

    /// <summary>Marks every keyword found in <paramref name="foldedText"/> in <paramref name="found"/> (indexed by keyword id).</summary>
    public void FindAll(string foldedText, ISet<int> found)
    {
        ArgumentNullException.ThrowIfNull(foldedText);
        ArgumentNullException.ThrowIfNull(found);
        var state = 0;
        foreach (var ch in foldedText)
        {
            state = Step(state, ch);
            for (var i = _outputStart[state]; i < _outputStart[state + 1]; i++)
            {
                found.Add(_outputs[i]);
            }
        }
    }

    /// <summary>
    /// The allocation-free form <see cref="RuleBook"/> uses: sets <c>stamps[id] = stamp</c> for every keyword found and appends
    /// each found id once to <paramref name="found"/>. <paramref name="stamps"/> must hold at least one slot per keyword.
    /// </summary>
    internal void FindAll(string foldedText, int[] stamps, int stamp, List<int> found)
    {
        var state = 0;
        foreach (var ch in foldedText)
        {
            state = Step(state, ch);
            for (var i = _outputStart[state]; i < _outputStart[state + 1]; i++)
            {
                var id = _outputs[i];
                if (stamps[id] != stamp)
                {
                    stamps[id] = stamp;
                    found.Add(id);
                }
            }
        }
    }

    private int Step(int state, char ch)
    {
        while (true)
        {
            var key = Key(state, ch);
            var slot = Slot(key, _shift);
            var mask = _keys.Length - 1;
            long probe;
            while ((probe = _keys[slot]) != EmptyKey)
            {
                if (probe == key)
                {
                    return _targets[slot];
                }

                slot = (slot + 1) & mask;
            }

            if (state == 0)
            {
                return 0;
            }

            state = _fail[state];
        }
    }

    private static long Key(int state, char ch) => ((long)state << 16) | ch;

    private static int Slot(long key, int shift) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> shift);
}
