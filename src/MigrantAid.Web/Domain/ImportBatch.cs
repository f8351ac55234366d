namespace MigrantAid.Web.Domain;

public enum ImportBatchStatus { Checked, Imported, Discarded, Importing }

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

    /// <summary>
    /// The highest file id when the preview checked the rows: the confirmation re-checks its
    /// rows only against the files registered after it (few), not against the whole registry.
    /// </summary>
    public int CheckedUpToMigrantId { get; set; }
}

public enum ImportRowOutcome { Create, Duplicate, Error, Imported }

/// <summary>
/// One row of an uploaded file as the preview analysed it (to create, possible duplicate,
/// refused with its messages), with the parsed values of the rows that can be imported: the
/// confirmation reads these instead of parsing and checking the whole file again. Personal
/// data: deleted with its batch (cascade), and once the batch is imported.
/// </summary>
public class ImportRow
{
    public const int NameMaxLength = 400;

    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public int Line { get; set; }
    public ImportRowOutcome Outcome { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The messages shown for the row (JSON array), when there are any.</summary>
    public string? Messages { get; set; }
    /// <summary>The row's values (JSON of the form and the consents), for the rows that can be imported.</summary>
    public string? Values { get; set; }
    /// <summary>Possible duplicates: the file numbers the user is told about.</summary>
    public string? DuplicateOf { get; set; }
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
