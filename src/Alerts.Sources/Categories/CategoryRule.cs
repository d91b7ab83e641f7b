using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Sources.Categories;

/// <summary>
/// One line of the classification table: a category applies when the announcement carries one of <see cref="Codes"/>
/// (source taxonomy codes such as <c>hkex:91200</c>), or when its title contains one of <see cref="AnyOf"/>, and also one
/// of <see cref="AlsoAnyOf"/> (when given), and none of <see cref="NoneOf"/>. Keywords are folded once, here.
/// </summary>
internal sealed class CategoryRule
{
    private CategoryRule(AnnouncementCategory category, string[] codes, string[] anyOf, string[] alsoAnyOf, string[] noneOf)
    {
        Category = category;
        Codes = codes;
        AnyOf = [.. anyOf.Select(TextNormalizer.Fold)];
        AlsoAnyOf = [.. alsoAnyOf.Select(TextNormalizer.Fold)];
        NoneOf = [.. noneOf.Select(TextNormalizer.Fold)];
    }

    public AnnouncementCategory Category { get; }

    public IReadOnlyList<string> Codes { get; }

    public IReadOnlyList<string> AnyOf { get; }

    public IReadOnlyList<string> AlsoAnyOf { get; }

    public IReadOnlyList<string> NoneOf { get; }

    public static CategoryRule ForCodes(AnnouncementCategory category, params string[] codes) => new(category, codes, [], [], []);

    public static CategoryRule ForWords(AnnouncementCategory category, string[] anyOf, string[]? alsoAnyOf = null, string[]? noneOf = null) =>
        new(category, [], anyOf, alsoAnyOf ?? [], noneOf ?? []);

    public bool Matches(string foldedTitle, IReadOnlySet<string> codes)
    {
        if (Codes.Any(codes.Contains))
        {
            return true;
        }

        return AnyOf.Count > 0
            && AnyOf.Any(word => KeywordMatch.Contains(foldedTitle, word))
            && (AlsoAnyOf.Count == 0 || AlsoAnyOf.Any(word => KeywordMatch.Contains(foldedTitle, word)))
            && !NoneOf.Any(word => KeywordMatch.Contains(foldedTitle, word));
    }
}
