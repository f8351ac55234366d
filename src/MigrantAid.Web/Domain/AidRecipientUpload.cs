namespace MigrantAid.Web.Domain;

/// <summary>
/// A recipient list uploaded to a distribution (CSV/XLSX of file numbers). Kept so that the
/// same list is never uploaded twice: the same file, or the same set of file numbers for the
/// same distribution or for another distribution of the same kind on the same date.
/// </summary>
public class AidRecipientUpload : Entity, IRegionScoped
{
    public const int FileNameMaxLength = 200;
    public const int HashLength = 64;

    public int AidDistributionId { get; set; }
    public AidDistribution? Distribution { get; set; }
    public int RegionId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the file's bytes (hex).</summary>
    public string FileHash { get; set; } = "";
    /// <summary>SHA-256 of the list's distinct file numbers, upper-cased and sorted (hex): the same people in another file.</summary>
    public string RecipientsHash { get; set; } = "";
    public int Rows { get; set; }
    public int Added { get; set; }
}
