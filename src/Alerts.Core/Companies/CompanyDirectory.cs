using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Companies;

/// <summary>
/// Resolves what users type and what sources print to companies: ids, symbols, exchange codes and every known name
/// (folded for case and width), so "Zhipu", "02513", "2513.HK" and "北京智谱华章科技股份有限公司" all find the same company.
/// A SEC CIK ("CIK0000320193") finds the company carrying it, and an EDGAR issuer (<see cref="SecCik.Exchange"/>) resolves by
/// it; a CIK no company carries stands for a company of its own (<see cref="ForCik"/>), so a watchlist may name any SEC filer.
/// </summary>
public sealed class CompanyDirectory
{
    private readonly Dictionary<string, Company> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Company> _byId = new(StringComparer.OrdinalIgnoreCase);

    public CompanyDirectory(IEnumerable<Company> companies)
    {
        ArgumentNullException.ThrowIfNull(companies);
        foreach (var company in companies)
        {
            _byId[company.Id] = company;
            _byKey[Fold(company.Id)] = company;
            foreach (var name in company.Names)
            {
                _byKey[Fold(name)] = company;
            }

            foreach (var listing in company.Listings)
            {
                _byKey[Fold(listing.Symbol)] = company;
                _byKey[SymbolFormat.CodeKey(listing.Exchange, listing.Code)] = company;
            }

            if (SecCik.Normalize(company.Cik) is { } cik)
            {
                _byKey[SymbolFormat.CodeKey(SecCik.Exchange, cik)] = company;
            }
        }
    }

    public static CompanyDirectory Empty { get; } = new([]);

    public IReadOnlyCollection<Company> All => _byId.Values;

    public Company? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds a company by id, name, symbol ("2513.HK") or bare code ("02513", "688256").</summary>
    public Company? Find(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_byKey.TryGetValue(Fold(entry), out var company))
        {
            return company;
        }

        if (SecCik.Normalize(entry, bareDigits: false) is { } cik)
        {
            return ByCik(cik);
        }

        // A bare code: HKEX codes have at most five digits, mainland codes six, so "000001" is never read as HKEX 0001.
        var code = Fold(entry);
        ReadOnlySpan<string> exchanges = code.Length <= 5 ? [SymbolFormat.Hkex] : [SymbolFormat.Sse, SymbolFormat.Szse, SymbolFormat.Bse];
        foreach (var exchange in exchanges)
        {
            if (_byKey.TryGetValue(SymbolFormat.CodeKey(exchange, code), out company))
            {
                return company;
            }
        }

        return null;
    }

    /// <summary>Finds the company a source's issuer reference means: by exchange code first, then by name.</summary>
    public Company? Resolve(IssuerRef issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!string.IsNullOrWhiteSpace(issuer.Code)
            && _byKey.TryGetValue(SymbolFormat.CodeKey(issuer.Exchange, issuer.Code), out var byCode))
        {
            return byCode;
        }

        if (string.Equals(issuer.Exchange, SecCik.Exchange, StringComparison.OrdinalIgnoreCase) && SecCik.Normalize(issuer.Code) is { } cik)
        {
            return ByCik(cik);
        }

        return string.IsNullOrWhiteSpace(issuer.Name) ? null : _byKey.GetValueOrDefault(Fold(issuer.Name));
    }

    public Company? BySymbol(string symbol) => _byKey.GetValueOrDefault(Fold(symbol));

    /// <summary>The SEC CIK of a company id: the company's own, or the one a <see cref="ForCik"/> id stands for; null when none.</summary>
    public string? CikOf(string companyId)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        return ById(companyId)?.Cik is { } cik ? SecCik.Normalize(cik)
            : companyId.StartsWith(CikIdPrefix, StringComparison.Ordinal) ? SecCik.Normalize(companyId[CikIdPrefix.Length..])
            : null;
    }

    /// <summary>The company a CIK no known company carries stands for: id <c>sec-0000320193</c>, named by its CIK.</summary>
    public static Company ForCik(string cik)
    {
        var normalized = SecCik.Normalize(cik) ?? throw new ArgumentException($"'{cik}' is not a CIK", nameof(cik));
        return new Company(CikIdPrefix + normalized, ["CIK" + normalized], []) { Cik = normalized };
    }

    private const string CikIdPrefix = "sec-";

    private Company ByCik(string cik) => _byKey.GetValueOrDefault(SymbolFormat.CodeKey(SecCik.Exchange, cik)) ?? ForCik(cik);

    private static string Fold(string text) => TextNormalizer.Fold(text);
}
