using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Api.Catalog;
using Alerts.Api.Companies;
using Alerts.Api.Json;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

namespace Alerts.Api.Endpoints;

/// <summary>
/// Turns a rule body (the import format's rule, without <c>tenantId</c>) into a validated rule of the caller's tenant:
/// JSON errors by field, companies resolved to ids (ambiguous names list their candidates), then the import's own
/// validation for every rule kind.
/// </summary>
internal sealed class RuleBinder(
    CatalogValidator validator, ICompanyRepository companies, IWatchlistRepository watchlists, IRuleRepository rules,
    IChannelRepository channels, Storage.Repositories.ICompanyAliasRepository aliases, ApiOptions options)
{
    private const string Kinds = "announcement, priceMove, priceLevel, newHighLow, windowMove, listingSpread, volumeSpike";

    public async Task<(Rule? Rule, IReadOnlyList<FieldError> Errors)> ReadAsync(JsonObject body, string tenantId, string id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (body.ContainsKey("tenantId"))
        {
            errors.Add(new FieldError("tenantId", "is not a known field (the tenant is the key's)"));
        }

        if (body["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new FieldError("kind", "is required: one of " + Kinds));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        body["tenantId"] = tenantId;
        body["id"] = id;
        Rule? rule;
        try
        {
            rule = body.Deserialize(ApiJsonContext.Default.Rule);
        }
        catch (JsonException exception)
        {
            var error = JsonBody.Describe(exception);
            return (null, [error.Message.Contains("type discriminator", StringComparison.OrdinalIgnoreCase) ? new FieldError("kind", "must be one of " + Kinds) : error]);
        }
        catch (NotSupportedException)
        {
            return (null, [new FieldError("kind", "must be one of " + Kinds)]);
        }

        if (rule is null)
        {
            return (null, [new FieldError("$", "must be a JSON object")]);
        }

        CheckSizes(rule, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var reference = await companies.ListAsync(cancellationToken);
        var resolver = new CompanyResolver(reference, await aliases.ListAsync(tenantId, cancellationToken));
        var resolved = new List<string>();
        for (var i = 0; i < rule.Companies.Companies.Count; i++)
        {
            var entry = rule.Companies.Companies[i];
            var resolution = resolver.Resolve(entry);
            if (resolution.Company is null)
            {
                errors.Add(new FieldError($"companies.companies[{i}]", resolution.Problem(entry)));
            }
            else if (!resolved.Contains(resolution.Company.Id))
            {
                resolved.Add(resolution.Company.Id);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        rule = rule with { Companies = rule.Companies with { Companies = resolved } };
        var document = new CatalogDocument(tenantId, [], [], [], [rule], []);
        var problems = validator.Validate(
            document,
            reference,
            await watchlists.ListAsync(tenantId, cancellationToken),
            await rules.ListAsync(tenantId, cancellationToken),
            await channels.ListAsync(tenantId, cancellationToken));
        return problems.Count > 0
            ? (null, [.. problems.Select(p => new FieldError(p.Path.StartsWith("rules[0].", StringComparison.Ordinal) ? p.Path["rules[0].".Length..] : p.Path, p.Message.Replace("in this file or the store", "for this tenant", StringComparison.Ordinal)))])
            : (rule, []);
    }

    /// <summary>A rule the engine can index without surprises: the dry run and the evaluator build it the same way.</summary>
    public static RuleBook Book(Rule rule, IEnumerable<Watchlist> watchlists, IEnumerable<Company> companies) =>
        RuleBook.Build([rule with { Enabled = true, ExpiresAt = null }], watchlists, new CompanyDirectory(companies));

    private void CheckSizes(Rule rule, List<FieldError> errors)
    {
        var max = options.MaxListItems;
        if (rule.Companies.Companies.Count > max)
        {
            errors.Add(new FieldError("companies.companies", $"may list at most {max} companies"));
        }

        if (rule is AnnouncementRule announcement)
        {
            if (announcement.KeywordsAny.Count > max)
            {
                errors.Add(new FieldError("keywordsAny", $"may list at most {max} keywords"));
            }

            if (announcement.KeywordsNone.Count > max)
            {
                errors.Add(new FieldError("keywordsNone", $"may list at most {max} keywords"));
            }
        }
    }
}
