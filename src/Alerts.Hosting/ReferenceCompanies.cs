using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Sources.Samples;

namespace Alerts.Hosting;

/// <summary>The bundled company reference file (names in English and Chinese, listings), shipped next to the executable.</summary>
public static class ReferenceCompanies
{
    public static IReadOnlyList<Company> Load() => SampleData.LoadCompanies();

    /// <summary>Adds bundled companies the store does not have yet; companies already stored (perhaps edited by an import) are kept.</summary>
    public static async Task<int> SeedAsync(ICompanyRepository companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var existing = (await companies.ListAsync(cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var company in Load().Where(c => !existing.Contains(c.Id)))
        {
            await companies.UpsertAsync(company, cancellationToken);
            added++;
        }

        return added;
    }
}
