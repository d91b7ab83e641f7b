using Alerts.Core;

namespace Alerts.Storage.Primitive;

/// <summary>A backend that decides how its store's alert and delivery ids are made; a backend that does not keeps them hashed.</summary>
public interface IAlertIdLayout
{
    AlertIdLayout AlertIds { get; }
}
