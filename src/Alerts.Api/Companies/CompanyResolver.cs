using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;
using Alerts.Storage.Repositories;

namespace Alerts.Api.Companies;

/// <summary>What a company entry typed by a tenant means: one company, several candidates, or none.</summary>
public sealed record Resolution(Company? Company, IReadOnlyList<Company> Candidates)
{
    public string Problem(string entry) => Candidates.Count > 1
        ? $"'{entry}' matches several companies: {string.Join(", ", Candidates.Select(c => $"{c.Id} ({c.Names.FirstOrDefault()})"))}; use one of these ids"
        : $"no company matches '{entry}'";
}

/// <summary>
/// Resolves what one tenant types to reference companies: exact ids, names, symbols and codes first (the engine's own
/// directory), then the tenant's aliases, then a unique partial match of a name or symbol.
/// </summary>
public sealed class CompanyResolver
{
    private const int MaxSearchResults = 20;
    private readonly CompanyDirectory _directory;
    private readonly Dictionary<string, string> _aliases;

    public CompanyResolver(IEnumerable<Company> companies, IEnumerable<CompanyAlias> aliases)
    {
        _directory = new CompanyDirectory(companies);
        _aliases = aliases.ToDictionary(a => TextNormalizer.Fold(a.Alias), a => a.CompanyId, StringComparer.Ordinal);
    }

    public Company? ById(string id) => _directory.ById(id);

    /// <summary>The company a source's issuer means, resolved as the rules resolve it (the tenant's aliases play no part).</summary>
    public Company? ResolveIssuer(IssuerRef issuer) => _directory.Resolve(issuer);

    public Resolution Resolve(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return new Resolution(null, []);
        }

        if (Exact(entry) is { } exact)
        {
            return new Resolution(exact, [exact]);
        }

        var partial = Partial(TextNormalizer.Fold(entry)).Take(MaxSearchResults).ToList();
        return new Resolution(partial.Count == 1 ? partial[0] : null, partial);
    }

    /// <summary>Exact matches first, then partial ones, without repeats.</summary>
    public IReadOnlyList<Company> Search(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var results = new List<Company>();
        if (Exact(query) is { } exact)
        {
            results.Add(exact);
        }

        results.AddRange(Partial(TextNormalizer.Fold(query)).Where(c => !results.Contains(c)));
        return [.. results.Take(MaxSearchResults)];
    }

    private Company? Exact(string entry) =>
        _directory.Find(entry) ?? (_aliases.TryGetValue(TextNormalizer.Fold(entry), out var id) ? _directory.ById(id) : null);

    private IEnumerable<Company> Partial(string folded) =>
        _directory.All
            .Where(c => Keys(c).Any(k => k.Contains(folded, StringComparison.Ordinal))
                || _aliases.Any(a => a.Value == c.Id && a.Key.Contains(folded, StringComparison.Ordinal)))
            .OrderBy(c => c.Id, StringComparer.Ordinal);

    private static IEnumerable<string> Keys(Company company) =>
        company.Names.Concat(company.Listings.Select(l => l.Symbol)).Append(company.Id).Select(TextNormalizer.Fold);
}
