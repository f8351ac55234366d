namespace MigrantAid.Web.Domain;

public enum ImportBatchStatus { Checked, Imported, Discarded }

/// <summary>
/// An uploaded file between its preview and its confirmation, kept in the database (not on
/// one app instance's disk) so that any instance can confirm it. Its status changes once,
/// in the same transaction as the imported rows: a confirmation sent four times imports once.
/// Holds personal data: deleted a day after upload, and its content once imported.
/// </summary>
public class ImportBatch
{
    public const int FileNameMaxLength = 200;
    public const int KindMaxLength = 32;

    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public ImportBatchStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int ImportedCount { get; set; }

    /// <summary>The preview's report (counts and the first problem rows, as JSON), shown again page by page.</summary>
    public string? Report { get; set; }
}

/// <summary>How far the check of an upload has gone, polled by the page (any app instance may answer the poll).</summary>
public class ImportProgressEntry
{
    public const int IdMaxLength = 160;

    public string Id { get; set; } = "";
    public int Done { get; set; }
    public int Total { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
