using System.Globalization;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Xunit.Abstractions;

namespace Alerts.Sources.Tests.Categories;

/// <summary>
/// The classifier against a labelled set of real-style headlines (Fixtures/listing-headlines.tsv: English, simplified and
/// traditional, with traps such as listings of notes, CBBCs and warrants). Prints precision and recall per category; the
/// listing milestones must each reach 95% on both. Run with <c>--logger "console;verbosity=detailed"</c> to see the table.
/// </summary>
public class ListingTaxonomyEvaluationTests(ITestOutputHelper output)
{
    private const double Required = 0.95;

    [Fact]
    public void Listing_categories_reach_95_percent_precision_and_recall_on_the_labelled_headlines()
    {
        var labelled = Load();
        Assert.True(labelled.Count >= 200, $"only {labelled.Count} labelled headlines");
        var scores = Enum.GetValues<AnnouncementCategory>().ToDictionary(c => c, _ => (Tp: 0, Fp: 0, Fn: 0));
        var mistakes = new List<string>();
        foreach (var (expected, headline) in labelled)
        {
            var predicted = AnnouncementClassifier.Classify(headline).ToHashSet();
            foreach (var category in scores.Keys)
            {
                var (tp, fp, fn) = scores[category];
                scores[category] = (expected.Contains(category), predicted.Contains(category)) switch
                {
                    (true, true) => (tp + 1, fp, fn),
                    (false, true) => (tp, fp + 1, fn),
                    (true, false) => (tp, fp, fn + 1),
                    _ => (tp, fp, fn),
                };
            }

            if (!predicted.SetEquals(expected))
            {
                mistakes.Add($"  {headline}\n    expected {string.Join(",", expected.Order())}, got {string.Join(",", predicted.Order())}");
            }
        }

        output.WriteLine($"{labelled.Count} headlines, {mistakes.Count} not classified exactly as labelled");
        output.WriteLine($"{"category",-26} {"support",7} {"precision",9} {"recall",7}");
        var failing = new List<string>();
        foreach (var (category, (tp, fp, fn)) in scores.OrderBy(s => s.Key))
        {
            var precision = tp + fp == 0 ? 1.0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{category,-26} {tp + fn,7} {precision,9:P1} {recall,7:P1}"));
            if (CategoryRules.ListingMilestones.Contains(category) && (precision < Required || recall < Required))
            {
                failing.Add(string.Create(CultureInfo.InvariantCulture, $"{category} precision {precision:P1} recall {recall:P1}"));
            }
        }

        output.WriteLine("Mismatches:");
        mistakes.ForEach(output.WriteLine);
        Assert.True(failing.Count == 0, string.Join("; ", failing) + "\n" + string.Join("\n", mistakes));
    }

    [Fact]
    public void Every_listing_milestone_has_labelled_examples()
    {
        var labelled = Load();

        Assert.All(CategoryRules.ListingMilestones, category =>
            Assert.True(labelled.Count(l => l.Expected.Contains(category)) >= 5, $"{category} has fewer than 5 labelled headlines"));
        Assert.Contains(labelled, l => l.Headline.Any(c => c is >= '\u4e00' and <= '\u9fff'));
    }

    private static List<(HashSet<AnnouncementCategory> Expected, string Headline)> Load() =>
        [.. File.ReadLines(Fixture.PathOf("listing-headlines.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (
                parts[0].Split(',').Select(name => Enum.Parse<AnnouncementCategory>(name.Trim())).Where(c => c != AnnouncementCategory.Other).ToHashSet(),
                parts[1]))
            .Select(row => (row.Item1.Count == 0 ? [AnnouncementCategory.Other] : row.Item1, row.Item2))];
}
