namespace MigrantAid.Web.Features.Retention;

/// <summary>
/// How long each kind of record is kept (appsettings section <c>Retention</c>); 0 keeps it for
/// ever. Defaults follow common practice (see the README): Law 09-08 and the GDPR ask that data
/// be kept no longer than its purpose needs, while accounting records are kept ten years.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Whether the daily run is scheduled (the command-line verb works either way).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Hour (UTC) of the daily run: 1 = 02:00 in Morocco, when nobody works.</summary>
    public int RunAtUtcHour { get; set; } = 1;

    /// <summary>A file with no open need, no enrolment in progress and no activity for this long is anonymised.</summary>
    public int ClosedCaseFilesYears { get; set; } = 5;
    /// <summary>Case notes older than this are deleted.</summary>
    public int CaseNotesYears { get; set; } = 10;
    /// <summary>Distributions older than this keep their head-count, not the names of who received them.</summary>
    public int AidDistributionsYears { get; set; } = 10;
    /// <summary>Closed or failed activities older than this lose their budget lines and receipt references (accounting: 10 years).</summary>
    public int ActivityFinancesYears { get; set; } = 10;
    /// <summary>Audit entries older than this are deleted.</summary>
    public int AuditEntriesYears { get; set; } = 5;
    /// <summary>Sign-in sessions are deleted this long after they expired.</summary>
    public int SessionsDays { get; set; } = 30;
    /// <summary>Uploaded import files (under the data folder's imports/) are deleted this long after upload.</summary>
    public int ImportUploadsDays { get; set; } = 30;

    /// <summary>Files anonymised per run at most, so one run stays short.</summary>
    public int MaxFilesPerRun { get; set; } = 500;
}
