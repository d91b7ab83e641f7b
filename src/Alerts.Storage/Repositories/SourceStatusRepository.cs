using System.Text.Json.Serialization;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>Feed source status rows: one small partition (a few dozen sources), row key = source name.</summary>
internal sealed class SourceStatusRepository(IEntityStore store) : ISourceStatusRepository
{
    private const string Partition = "source";

    public JsonTable<SourceStatus> Table { get; } = new(store, "sources", SourceStatusJsonContext.Default.SourceStatus);

    public async Task<SourceStatus?> GetAsync(string source, CancellationToken cancellationToken) =>
        (await Table.GetAsync(Partition, EntityKeys.Encode(source), cancellationToken))?.Value;

    public Task SaveAsync(SourceStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Table.UpsertAsync(Partition, EntityKeys.Encode(status.Source), status, cancellationToken);
    }

    public Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken cancellationToken) => Table.ListAsync(Partition, cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SourceStatus))]
internal sealed partial class SourceStatusJsonContext : JsonSerializerContext;
