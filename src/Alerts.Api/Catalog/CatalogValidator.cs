using Alerts.Core.Companies;
using Alerts.Core.Holding;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Delivery;
using Alerts.Delivery.Templates;

namespace Alerts.Api.Catalog;

/// <summary>
/// Checks an import against itself and what is already stored: every reference must resolve, every number make sense,
/// every channel pass the channel validator. Errors name the field; nothing is written unless there are none.
/// </summary>
public sealed class CatalogValidator(ChannelValidator channelValidator)
{
    private const int MaxIdLength = 128;

    public IReadOnlyList<ImportError> Validate(
        CatalogDocument document,
        IReadOnlyCollection<Company> storedCompanies,
        IReadOnlyCollection<Watchlist> storedWatchlists,
        IReadOnlyCollection<Rule> storedRules,
        IReadOnlyCollection<Channel> storedChannels)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<ImportError>();
        var directory = new CompanyDirectory(storedCompanies.Where(c => document.Companies.All(n => n.Id != c.Id)).Concat(document.Companies));

        CheckIds("companies", document.Companies.Select(c => c.Id), errors);
        CheckIds("watchlists", document.Watchlists.Select(w => w.Id), errors);
        CheckIds("channels", document.Channels.Select(c => c.Id), errors);
        CheckIds("rules", document.Rules.Select(r => r.Id), errors);
        CheckIds("subscriptions", document.Subscriptions.Select(s => s.Id), errors);

        for (var i = 0; i < document.Companies.Count; i++)
        {
            ValidateCompany($"companies[{i}]", document.Companies[i], errors);
        }

        for (var i = 0; i < document.Watchlists.Count; i++)
        {
            var watchlist = document.Watchlists[i];
            Require($"watchlists[{i}].name", watchlist.Name, errors);
            ValidateEntries($"watchlists[{i}].entries", watchlist.Entries, directory, errors);
        }

        for (var i = 0; i < document.Channels.Count; i++)
        {
            errors.AddRange(channelValidator.Validate(document.Channels[i]).Select(e => new ImportError($"channels[{i}].{e.Field}", e.Message)));
        }

        var watchlistIds = Ids(document.Watchlists.Select(w => w.Id), storedWatchlists.Where(w => w.TenantId == document.TenantId).Select(w => w.Id));
        for (var i = 0; i < document.Rules.Count; i++)
        {
            ValidateRule($"rules[{i}]", document.Rules[i], directory, watchlistIds, errors);
        }

        var ruleIds = Ids(document.Rules.Select(r => r.Id), storedRules.Where(r => r.TenantId == document.TenantId).Select(r => r.Id));
        var channelIds = Ids(document.Channels.Select(c => c.Id), storedChannels.Where(c => c.TenantId == document.TenantId).Select(c => c.Id));
        for (var i = 0; i < document.Subscriptions.Count; i++)
        {
            var subscription = document.Subscriptions[i];
            var path = $"subscriptions[{i}]";
            if (!ruleIds.Contains(subscription.RuleId))
            {
                errors.Add(new ImportError(path + ".ruleId", $"no rule '{subscription.RuleId}' in this file or the store"));
            }

            if (subscription.ChannelIds.Count == 0)
            {
                errors.Add(new ImportError(path + ".channelIds", "must name at least one channel"));
            }

            for (var c = 0; c < subscription.ChannelIds.Count; c++)
            {
                if (!channelIds.Contains(subscription.ChannelIds[c]))
                {
                    errors.Add(new ImportError($"{path}.channelIds[{c}]", $"no channel '{subscription.ChannelIds[c]}' in this file or the store"));
                }
            }

            ValidateWording(path, subscription, errors);
        }

        return errors;
    }

    /// <summary>
    /// How a subscription's alerts read and when they go: time zone, quiet hours, digest, and templates, checked as they are
    /// saved (parse, size, a trial render) so a bad one never reaches a send. Shared by import and the API.
    /// </summary>
    public static void ValidateWording(string path, Subscription subscription, List<ImportError> errors)
    {
        if (subscription.TimeZone is not null && TimeZones.Find(subscription.TimeZone) is null)
        {
            errors.Add(new ImportError(path + ".timeZone", $"'{subscription.TimeZone}' is not a known IANA time zone (like Asia/Hong_Kong)"));
        }

        if (HoldPolicy.Problem(subscription with { TimeZone = null }) is { } schedule) // the zone is reported above
        {
            errors.Add(new ImportError($"{path}.{schedule.Field}", schedule.Message));
        }

        foreach (var (channelId, template) in subscription.Templates ?? new Dictionary<string, MessageTemplate>())
        {
            var templatePath = $"{path}.templates.{channelId}";
            if (!subscription.ChannelIds.Contains(channelId))
            {
                errors.Add(new ImportError(templatePath, $"'{channelId}' is not one of this subscription's channelIds"));
            }

            errors.AddRange(TemplateEngine.Validate(template).Select(e => new ImportError($"{templatePath}.{e.Part}", e.Message)));
        }
    }

    private static void ValidateCompany(string path, Company company, List<ImportError> errors)
    {
        if (company.Names.Count == 0 || company.Names.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new ImportError(path + ".names", "must list at least one non-empty name"));
        }

        if (company.Cik is not null && SecCik.Normalize(company.Cik) is null)
        {
            errors.Add(new ImportError(path + ".cik", "must be a SEC CIK of up to ten digits, e.g. 0000320193"));
        }

        for (var l = 0; l < company.Listings.Count; l++)
        {
            var listing = company.Listings[l];
            Require($"{path}.listings[{l}].exchange", listing.Exchange, errors);
            Require($"{path}.listings[{l}].code", listing.Code, errors);
            Require($"{path}.listings[{l}].symbol", listing.Symbol, errors);
            Require($"{path}.listings[{l}].currency", listing.Currency, errors);
        }
    }

    private static void ValidateRule(string path, Rule rule, CompanyDirectory directory, HashSet<string> watchlistIds, List<ImportError> errors)
    {
        Require(path + ".name", rule.Name, errors);
        var scope = rule.Companies;
        var scopeKinds = (scope.Any ? 1 : 0) + (scope.Watchlist is null ? 0 : 1) + (scope.Companies.Count > 0 ? 1 : 0);
        if (scopeKinds != 1)
        {
            errors.Add(new ImportError(path + ".companies", "give exactly one of any: true, watchlist, or a non-empty companies list"));
        }

        if (scope.Watchlist is not null && !watchlistIds.Contains(scope.Watchlist))
        {
            errors.Add(new ImportError(path + ".companies.watchlist", $"no watchlist '{scope.Watchlist}' in this file or the store"));
        }

        ValidateEntries(path + ".companies.companies", scope.Companies, directory, errors);
        if (rule.Frequency.Kind == FrequencyKind.Cooldown && rule.Frequency.Cooldown is not { } cooldown)
        {
            errors.Add(new ImportError(path + ".frequency.cooldown", "is required when kind is cooldown"));
        }
        else if (rule.Frequency.Cooldown is { } given && given <= TimeSpan.Zero)
        {
            errors.Add(new ImportError(path + ".frequency.cooldown", "must be positive"));
        }

        switch (rule)
        {
            case AnnouncementRule announcement:
                CheckKeywords(path + ".keywordsAny", announcement.KeywordsAny, errors);
                CheckKeywords(path + ".keywordsNone", announcement.KeywordsNone, errors);
                break;
            case PriceMoveRule move when move.ThresholdPercent <= 0 || move.ThresholdPercent > 1000:
                errors.Add(new ImportError(path + ".thresholdPercent", "must be greater than 0 and at most 1000"));
                break;
            case PriceLevelRule level:
                if (level.Level <= 0)
                {
                    errors.Add(new ImportError(path + ".level", "must be greater than 0"));
                }

                if (level.HysteresisPercent < 0 || level.HysteresisPercent >= 50)
                {
                    errors.Add(new ImportError(path + ".hysteresisPercent", "must be at least 0 and below 50"));
                }

                break;
            case IMarketRule:
                MarketRuleValidator.Validate(path, rule, directory, errors);
                break;
        }
    }

    private static void ValidateEntries(string path, IReadOnlyList<string> entries, CompanyDirectory directory, List<ImportError> errors)
    {
        for (var e = 0; e < entries.Count; e++)
        {
            if (string.IsNullOrWhiteSpace(entries[e]) || directory.Find(entries[e]) is null)
            {
                errors.Add(new ImportError($"{path}[{e}]", $"no company matches '{entries[e]}'"));
            }
        }
    }

    private static void CheckKeywords(string path, IReadOnlyList<string> keywords, List<ImportError> errors)
    {
        for (var k = 0; k < keywords.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(keywords[k]))
            {
                errors.Add(new ImportError($"{path}[{k}]", "must not be empty"));
            }
        }
    }

    private static void CheckIds(string section, IEnumerable<string> ids, List<ImportError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in ids)
        {
            var path = $"{section}[{index++}].id";
            if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Any(char.IsControl))
            {
                errors.Add(new ImportError(path, $"must be 1-{MaxIdLength} printable characters"));
            }
            else if (!seen.Add(id))
            {
                errors.Add(new ImportError(path, $"'{id}' appears more than once"));
            }
        }
    }

    private static void Require(string path, string? value, List<ImportError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new ImportError(path, "is required"));
        }
    }

    private static HashSet<string> Ids(IEnumerable<string> inFile, IEnumerable<string> stored) =>
        new(inFile.Concat(stored), StringComparer.Ordinal);
}
