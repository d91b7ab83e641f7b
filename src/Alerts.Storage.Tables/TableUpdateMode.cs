namespace Alerts.Storage.Tables;

/// <summary>How a write treats the properties already stored on the entity.</summary>
public enum TableUpdateMode
{
    /// <summary>The stored entity becomes exactly the sent one (PUT).</summary>
    Replace,

    /// <summary>Sent properties are added or overwritten, others are kept (PATCH).</summary>
    Merge,
}
