using Alerts.Core.Rules;

namespace Alerts.Core.Tests.Rules;

public sealed class KeywordAutomatonTests
{
    private static string[] Found(string[] keywords, string text)
    {
        var found = new HashSet<int>();
        KeywordAutomaton.Build(keywords).FindAll(text, found);
        return [.. found.Order().Select(i => keywords[i])];
    }

    [Theory]
    [InlineData("ushers", "he hers she")]
    [InlineData("his", "his")]
    [InlineData("shis", "his")]
    [InlineData("ahishers", "he hers his she")]
    [InlineData("xyz", "")]
    public void Overlapping_keywords_are_all_found(string text, string expected)
    {
        string[] keywords = ["he", "she", "his", "hers"];

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), Found(keywords, text).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("main board listing", "listing ing board")]
    [InlineData("relisting", "listing ing")]
    [InlineData("list", "")]
    public void Keywords_that_are_suffixes_or_prefixes_of_others_are_found_together(string text, string expected)
    {
        string[] keywords = ["listing", "ing", "board", "listings"];

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), Found(keywords, text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Chinese_keywords_are_found_inside_longer_phrases()
    {
        string[] keywords = ["上市", "科创板", "科创板上市", "招股说明书", "终止"];

        Assert.Equal(["上市", "科创板", "科创板上市"], Found(keywords, "关于在科创板上市的公告"));
        Assert.Equal(["招股说明书"], Found(keywords, "招股说明书（申报稿）"));
    }

    [Fact]
    public void Duplicate_keywords_each_report_their_own_id()
    {
        var found = new HashSet<int>();
        KeywordAutomaton.Build(["ipo", "ipo"]).FindAll("hk ipo", found);

        Assert.Equal([0, 1], found.Order());
    }

    [Fact]
    public void An_empty_keyword_list_finds_nothing()
    {
        var found = new HashSet<int>();
        KeywordAutomaton.Empty.FindAll("anything at all", found);
        KeywordAutomaton.Build([]).FindAll("anything", found);

        Assert.Empty(found);
        Assert.Equal(1, KeywordAutomaton.Empty.StateCount);
    }

    [Fact]
    public void An_empty_keyword_is_never_reported()
    {
        var found = new HashSet<int>();
        KeywordAutomaton.Build(["", "a"]).FindAll("banana", found);

        Assert.Equal([1], found);
    }

    [Fact]
    public void The_automaton_agrees_with_substring_search_on_random_text()
    {
        var random = new Random(7);
        const string alphabet = "abab上市c";
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var keywords = Enumerable.Range(0, 60).Select(_ => Word(1, 5)).ToArray();
        var automaton = KeywordAutomaton.Build(keywords);

        for (var i = 0; i < 500; i++)
        {
            var text = Word(0, 40);
            var found = new HashSet<int>();
            automaton.FindAll(text, found);

            var expected = Enumerable.Range(0, keywords.Length).Where(k => text.Contains(keywords[k], StringComparison.Ordinal));
            Assert.Equal(expected, found.Order());
        }
    }
}
