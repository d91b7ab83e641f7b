using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Sources.Categories;

/// <summary>Maps a source's taxonomy codes and an announcement title onto the shared <see cref="AnnouncementCategory"/> values.</summary>
public static class AnnouncementClassifier
{
    private static readonly string[] StructuredProductWords = [.. CategoryRules.StructuredProductWords.Select(TextNormalizer.Fold)];

    /// <summary>
    /// Every category whose rule matches, in enum order; <see cref="AnnouncementCategory.Other"/> alone when none does. A
    /// listing of notes, bonds, CBBCs or warrants is no company listing: it never gets a listing milestone.
    /// </summary>
    /// <param name="title">The title in any language; null when only codes should decide.</param>
    /// <param name="sourceCodes">Codes built with <see cref="SourceCodes"/>.</param>
    public static IReadOnlyList<AnnouncementCategory> Classify(string? title, IEnumerable<string>? sourceCodes = null)
    {
        var folded = string.IsNullOrWhiteSpace(title) ? string.Empty : TextNormalizer.Fold(title);
        var codes = sourceCodes is null ? EmptyCodes : new HashSet<string>(sourceCodes, StringComparer.Ordinal);
        var structured = codes.Contains(CategoryRules.StructuredProductsCode)
            || StructuredProductWords.Any(word => KeywordMatch.Contains(folded, word));
        var categories = CategoryRules.All
            .Where(rule => rule.Matches(folded, codes))
            .Select(rule => rule.Category)
            .Where(category => !structured || !CategoryRules.ListingMilestones.Contains(category))
            .Distinct()
            .Order()
            .ToList();
        return categories.Count == 0 ? [AnnouncementCategory.Other] : categories;
    }

    /// <summary>The categories of two versions of one document (two languages) together; Other only when neither has more.</summary>
    public static IReadOnlyList<AnnouncementCategory> Union(IEnumerable<AnnouncementCategory> first, IEnumerable<AnnouncementCategory> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var all = first.Concat(second).Where(c => c != AnnouncementCategory.Other).Distinct().Order().ToList();
        return all.Count == 0 ? [AnnouncementCategory.Other] : all;
    }

    private static readonly HashSet<string> EmptyCodes = [];
}
