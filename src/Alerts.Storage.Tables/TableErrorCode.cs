namespace Alerts.Storage.Tables;

/// <summary>The Table service error codes this codebase reacts to (from the <c>odata.error</c> body).</summary>
public static class TableErrorCode
{
    public const string TableAlreadyExists = "TableAlreadyExists";
    public const string TableNotFound = "TableNotFound";
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
}
