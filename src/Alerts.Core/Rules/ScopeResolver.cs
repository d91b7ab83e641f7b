using Alerts.Core.Companies;
using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>Turns a rule's <see cref="CompanyScope"/> into company ids, reporting entries and watchlists that resolve to nothing.</summary>
internal sealed class ScopeResolver(CompanyDirectory directory, IEnumerable<Watchlist> watchlists)
{
    private readonly Dictionary<(string Tenant, string Id), Watchlist> _watchlists =
        watchlists.ToDictionary(w => (w.TenantId, w.Id));

    public List<string> Problems { get; } = [];

    /// <summary>Null means every company; otherwise the distinct company ids in scope.</summary>
    public HashSet<string>? Resolve(Rule rule)
    {
        var scope = rule.Companies;
        if (scope.Any)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (scope.Watchlist is not null)
        {
            if (_watchlists.TryGetValue((rule.TenantId, scope.Watchlist), out var watchlist))
            {
                AddEntries(rule, watchlist.Entries, ids);
            }
            else
            {
                Problems.Add($"rule {rule.Id}: watchlist '{scope.Watchlist}' does not exist");
            }
        }

        AddEntries(rule, scope.Companies, ids);
        return ids;
    }

    private void AddEntries(Rule rule, IEnumerable<string> entries, HashSet<string> ids)
    {
        foreach (var entry in entries)
        {
            var company = directory.Find(entry);
            if (company is null)
            {
                Problems.Add($"rule {rule.Id}: no company matches '{entry}'");
            }
            else
            {
                ids.Add(company.Id);
            }
        }
    }
}
