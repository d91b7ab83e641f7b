using Alerts.Api.Catalog;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Import;

/// <summary>
/// Reads the import format: <c>{ "tenant", "companies", "watchlists", "channels", "rules", "subscriptions" }</c>. Items omit
/// <c>tenantId</c>: the file's tenant (default "default") is stamped on each. Every JSON problem is reported with its path.
/// </summary>
public static class CatalogDocumentReader
{
    private static readonly string[] Sections = ["companies", "watchlists", "channels", "rules", "subscriptions"];

    public static (CatalogDocument? Document, IReadOnlyList<ImportError> Errors) Read(string json)
    {
        var errors = new List<ImportError>();
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject;
        }
        catch (JsonException exception)
        {
            return (null, [new ImportError("$", "not valid JSON: " + exception.Message)]);
        }

        if (root is null)
        {
            return (null, [new ImportError("$", "must be a JSON object with companies, watchlists, channels, rules and subscriptions")]);
        }

        foreach (var property in root)
        {
            if (property.Key != "tenant" && !Sections.Contains(property.Key))
            {
                errors.Add(new ImportError(property.Key, $"unknown section; expected one of tenant, {string.Join(", ", Sections)}"));
            }
        }

        var tenant = Tenancy.DefaultTenant;
        if (root["tenant"] is { } tenantNode)
        {
            if (tenantNode.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(tenantNode.GetValue<string>()))
            {
                tenant = tenantNode.GetValue<string>();
            }
            else
            {
                errors.Add(new ImportError("tenant", "must be a non-empty string"));
            }
        }

        var json_ = AlertsJsonContext.Default;
        var document = new CatalogDocument(
            tenant,
            ReadSection(root, "companies", null, json_.Company, errors),
            ReadSection(root, "watchlists", tenant, json_.Watchlist, errors),
            ReadSection(root, "channels", tenant, json_.Channel, errors),
            ReadSection(root, "rules", tenant, json_.Rule, errors),
            ReadSection(root, "subscriptions", tenant, json_.Subscription, errors));
        return (errors.Count == 0 ? document : null, errors);
    }

    private static List<T> ReadSection<T>(JsonObject root, string section, string? tenant, JsonTypeInfo<T> typeInfo, List<ImportError> errors)
    {
        var items = new List<T>();
        if (root[section] is not { } node)
        {
            return items;
        }

        if (node is not JsonArray array)
        {
            errors.Add(new ImportError(section, "must be an array"));
            return items;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{section}[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(new ImportError(path, "must be an object"));
                continue;
            }

            var copy = (JsonObject)item.DeepClone();
            if (tenant is not null)
            {
                if (copy["tenantId"] is { } given && given.GetValueKind() == JsonValueKind.String && given.GetValue<string>() != tenant)
                {
                    errors.Add(new ImportError(path + ".tenantId", $"must be the file's tenant '{tenant}' or left out"));
                    continue;
                }

                // Positional records bind by constructor parameter; the discriminator must stay first for polymorphic rules.
                copy["tenantId"] = tenant;
            }

            try
            {
                var value = copy.Deserialize(typeInfo);
                if (value is null)
                {
                    errors.Add(new ImportError(path, "must not be null"));
                }
                else
                {
                    items.Add(value);
                }
            }
            catch (JsonException exception)
            {
                errors.Add(new ImportError(path + Relative(exception.Path), Describe(exception)));
            }
            catch (NotSupportedException exception)
            {
                errors.Add(new ImportError(path, exception.Message));
            }
        }

        return items;
    }

    private static string Relative(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? string.Empty : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? "." + jsonPath[2..] : jsonPath[1..];

    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
