namespace MigrantAid.Web.Domain;

/// <summary>
/// Who runs a background job now: with several app instances over one database, a job runs
/// only in the instance holding its lease, until the lease expires or is released.
/// </summary>
public class JobLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    public string Name { get; set; } = "";
    /// <summary>The app instance holding the lease ("" when none ever did).</summary>
    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
