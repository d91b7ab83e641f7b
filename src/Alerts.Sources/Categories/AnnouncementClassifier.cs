using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Sources.Categories;

/// <summary>Maps a source's taxonomy codes and an announcement title onto the shared <see cref="AnnouncementCategory"/> values.</summary>
public static class AnnouncementClassifier
{
    /// <summary>
    /// Every category whose rule matches, in enum order; <see cref="AnnouncementCategory.Other"/> alone when none does.
    /// </summary>
    /// <param name="title">The title in any language; null when only codes should decide.</param>
    /// <param name="sourceCodes">Codes built with <see cref="SourceCodes"/>.</param>
    public static IReadOnlyList<AnnouncementCategory> Classify(string? title, IEnumerable<string>? sourceCodes = null)
    {
        var folded = string.IsNullOrWhiteSpace(title) ? string.Empty : TextNormalizer.Fold(title);
        var codes = sourceCodes is null ? EmptyCodes : new HashSet<string>(sourceCodes, StringComparer.Ordinal);
        var categories = CategoryRules.All
            .Where(rule => rule.Matches(folded, codes))
            .Select(rule => rule.Category)
            .Distinct()
            .Order()
            .ToList();
        return categories.Count == 0 ? [AnnouncementCategory.Other] : categories;
    }

    private static readonly HashSet<string> EmptyCodes = [];
}
