namespace MigrantAid.Web.Domain;

public enum AuditAction { Created, Updated, Deleted, Viewed, SignIn, SignInFailed, LockedOut, AccessDenied }

/// <summary>
/// Who did what to which record, when and from where. Written in the same transaction as
/// the change it records; the app offers no way to edit or delete one.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? RequestId { get; set; }
    public string? ClientAddress { get; set; }
    public string EntityType { get; set; } = "";
    public string? EntityKey { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>JSON object: field → [old, new]. Never holds passwords or security stamps.</summary>
    public string? Changes { get; set; }

    /// <summary>The changes as (field, old, new) for display.</summary>
    public IEnumerable<(string Field, string? Old, string? New)> ChangeList()
    {
        if (string.IsNullOrEmpty(Changes))
        {
            yield break;
        }
        using var document = System.Text.Json.JsonDocument.Parse(Changes);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var values = property.Value.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? null : v.ToString()).ToList();
            yield return (property.Name, values.ElementAtOrDefault(0), values.ElementAtOrDefault(1));
        }
    }
}
