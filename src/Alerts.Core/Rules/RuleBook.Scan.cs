using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Rules;

/// <summary>The per-announcement pass over the index and the compact structures it reads.</summary>
public sealed partial class RuleBook
{

    /// <summary>One announcement's pass over the index: which rules were already visited, which keywords the title holds.</summary>
    private struct Scan
    {
        private readonly RuleBook _book;
        private readonly string _title;
        private readonly int _categoryMask;
        private readonly Scratch _scratch;
        private readonly int _stamp;
        private readonly bool _mayRepeat;
        private bool _keywordsFound;

        public Scan(RuleBook book, Scratch scratch, string title, int categoryMask, List<RuleMatch> matches, bool mayRepeat)
        {
            _mayRepeat = mayRepeat;
            _book = book;
            _title = title;
            _categoryMask = categoryMask;
            _scratch = scratch;
            _stamp = _scratch.Begin(book._announcementRules.Length, book._keywordCount);
            Matches = matches;
        }

        public List<RuleMatch> Matches { get; }

        /// <summary>A company's (or the market-wide) buckets: those of the announcement's categories, then the every-category one.</summary>
        public void Visit(Bucket[] buckets, Company? company)
        {
            for (var category = 0; category < CategoryCount; category++)
            {
                if ((_categoryMask & (1 << category)) != 0)
                {
                    Visit(buckets[category], company);
                }
            }

            Visit(buckets[WildcardCategory], company);
        }

        /// <summary>Market-wide rules reachable through a keyword the title contains; their categories are checked here.</summary>
        public void VisitKeywordIndexed(int[][] byKeyword, Company? company)
        {
            if (!_book._hasKeywordIndexedRules)
            {
                return;
            }

            var found = FoundKeywords();
            for (var i = 0; i < found.Count; i++)
            {
                var rules = byKeyword[found[i]];
                foreach (var index in rules)
                {
                    if (!FirstVisit(index))
                    {
                        continue;
                    }

                    ref readonly var rule = ref _book._announcementRules[index];
                    if ((rule.CategoryMask == 0 || (rule.CategoryMask & _categoryMask) != 0) && NoneAbsent(rule))
                    {
                        Matches.Add(new RuleMatch(rule.Rule, company?.Id ?? "*", company));
                    }
                }
            }
        }

        private void Visit(in Bucket bucket, Company? company)
        {
            var subject = company?.Id ?? "*";
            if (_mayRepeat)
            {
                var plain = bucket.Plain;
                for (var i = 0; i < plain.Length; i++)
                {
                    if (FirstVisit(plain[i]))
                    {
                        Matches.Add(new RuleMatch(bucket.PlainRules[i], subject, company));
                    }
                }
            }
            else
            {
                foreach (var rule in bucket.PlainRules)
                {
                    Matches.Add(new RuleMatch(rule, subject, company));
                }
            }

            var rules = _book._announcementRules;
            foreach (var index in bucket.Filtered)
            {
                if (_mayRepeat && !FirstVisit(index))
                {
                    continue;
                }

                ref readonly var rule = ref rules[index];
                if (AnyPresent(rule) && NoneAbsent(rule))
                {
                    Matches.Add(new RuleMatch(rule.Rule, subject, company));
                }
            }
        }

        private readonly bool FirstVisit(int index)
        {
            ref var seen = ref _scratch.Rules[index];
            if (seen == _stamp)
            {
                return false;
            }

            seen = _stamp;
            return true;
        }

        private bool AnyPresent(in IndexedRule rule)
        {
            if (rule.AnyCount == 0)
            {
                return true;
            }

            FoundKeywords();
            foreach (var id in _book._ruleKeywords.AsSpan(rule.KeywordStart, rule.AnyCount))
            {
                if (_scratch.Keywords[id] == _stamp)
                {
                    return true;
                }
            }

            return false;
        }

        private bool NoneAbsent(in IndexedRule rule)
        {
            if (rule.NoneCount == 0)
            {
                return true;
            }

            FoundKeywords();
            foreach (var id in _book._ruleKeywords.AsSpan(rule.KeywordStart + rule.AnyCount, rule.NoneCount))
            {
                if (_scratch.Keywords[id] == _stamp)
                {
                    return false;
                }
            }

            return true;
        }

        private List<int> FoundKeywords()
        {
            if (!_keywordsFound)
            {
                _keywordsFound = true;
                _book._keywords.FindAll(TextNormalizer.Fold(_title), _scratch.Keywords, _stamp, _scratch.Found);
            }

            return _scratch.Found;
        }
    }

    /// <summary>Per-thread generation stamps: slot == current stamp means "seen in this pass", so nothing is ever cleared.</summary>
    private sealed class Scratch
    {
        private int _stamp;

        public int[] Rules { get; private set; } = [];

        public int[] Keywords { get; private set; } = [];

        public List<int> Found { get; } = [];

        public List<Company> Companies { get; } = [];

        public List<(Company Company, Bucket[] Buckets)> Indexed { get; } = [];

        public int Begin(int rules, int keywords)
        {
            if (Rules.Length < rules)
            {
                Rules = new int[rules];
            }

            if (Keywords.Length < keywords)
            {
                Keywords = new int[keywords];
            }

            if (_stamp == int.MaxValue)
            {
                Array.Clear(Rules);
                Array.Clear(Keywords);
                _stamp = 0;
            }

            Found.Clear();
            return ++_stamp;
        }
    }

    /// <summary>
    /// The rules of one company (or of the market-wide scope) and one category. Rules without keywords match on sight, so the
    /// bucket holds them by reference, read in one sequential sweep; rules with keywords are checked through the rule table.
    /// </summary>
    private readonly struct Bucket(int[] plain, AnnouncementRule[] plainRules, int[] filtered)
    {
        /// <summary>Indexes of the rules without keywords (needed only to tell repeats apart), in step with <see cref="PlainRules"/>.</summary>
        public int[] Plain { get; } = plain;

        public AnnouncementRule[] PlainRules { get; } = plainRules;

        public int[] Filtered { get; } = filtered;

        public int Count => Plain.Length + Filtered.Length;

        public static Bucket Of(List<int> indexes, List<IndexedRule> rules)
        {
            if (indexes.Count == 0)
            {
                return new Bucket([], [], []);
            }

            var plain = indexes.Where(i => !rules[i].HasKeywords).ToArray();
            return new Bucket(plain, [.. plain.Select(i => rules[i].Rule)], [.. indexes.Where(i => rules[i].HasKeywords)]);
        }
    }

    /// <summary>
    /// Everything a visit reads, side by side in one array slot: the rule, where its keyword ids start in the shared keyword
    /// array, and its categories as bits (zero: every category).
    /// </summary>
    private readonly record struct IndexedRule(AnnouncementRule Rule, int KeywordStart, int AnyCount, int NoneCount, int CategoryMask)
    {
        public bool HasKeywords => AnyCount + NoneCount > 0;
    }
}
