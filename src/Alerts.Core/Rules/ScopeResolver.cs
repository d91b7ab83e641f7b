using Alerts.Core.Companies;
using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>Turns a rule's <see cref="CompanyScope"/> into company ids, reporting entries and watchlists that resolve to nothing.</summary>
internal sealed class ScopeResolver(CompanyDirectory directory, IEnumerable<Watchlist> watchlists)
{
    private readonly Dictionary<(string Tenant, string Id), Watchlist> _watchlists =
        watchlists.ToDictionary(w => (w.TenantId, w.Id));

    // Many rules share a watchlist: each is resolved (folded and looked up) once per build, not once per rule.
    private readonly Dictionary<(string Tenant, string Id), (string[] Ids, string[] Unknown)> _resolvedWatchlists = [];

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
            var key = (rule.TenantId, scope.Watchlist);
            if (_resolvedWatchlists.TryGetValue(key, out var resolved) || TryResolveWatchlist(key, out resolved))
            {
                ids.UnionWith(resolved.Ids);
                foreach (var entry in resolved.Unknown)
                {
                    Problems.Add(UnknownEntry(rule, entry));
                }
            }
            else
            {
                Problems.Add($"rule {rule.Id}: watchlist '{scope.Watchlist}' does not exist");
            }
        }

        foreach (var entry in scope.Companies)
        {
            if (directory.Find(entry) is { } company)
            {
                ids.Add(company.Id);
            }
            else
            {
                Problems.Add(UnknownEntry(rule, entry));
            }
        }

        return ids;
    }

    private bool TryResolveWatchlist((string Tenant, string Id) key, out (string[] Ids, string[] Unknown) resolved)
    {
        if (!_watchlists.TryGetValue(key, out var watchlist))
        {
            resolved = default;
            return false;
        }

        var ids = new List<string>();
        var unknown = new List<string>();
        foreach (var entry in watchlist.Entries)
        {
            if (directory.Find(entry) is { } company)
            {
                ids.Add(company.Id);
            }
            else
            {
                unknown.Add(entry);
            }
        }

        resolved = ([.. ids], [.. unknown]);
        _resolvedWatchlists[key] = resolved;
        return true;
    }

    private static string UnknownEntry(Rule rule, string entry) => $"rule {rule.Id}: no company matches '{entry}'";
}
