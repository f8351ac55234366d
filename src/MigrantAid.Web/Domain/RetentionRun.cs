namespace MigrantAid.Web.Domain;

/// <summary>
/// One pass of the retention job (scheduled or by hand, real or dry run) and what it did to
/// each kind of record: the report an administrator reads under /Retention.
/// </summary>
public class RetentionRun
{
    public const int TriggerMaxLength = 50;
    public const int HolderMaxLength = 200;

    public int Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public bool DryRun { get; set; }
    /// <summary>"schedule" or "command line".</summary>
    public string Trigger { get; set; } = "";
    public string Holder { get; set; } = "";
    /// <summary>The lines of the report (<see cref="RetentionLine"/>), as JSON.</summary>
    public string Report { get; set; } = "[]";
    public string? Error { get; set; }
}

/// <summary>What the job did (or, in a dry run, would do) to one kind of record older than the cut-off.</summary>
public sealed record RetentionLine(string Kind, string Action, DateOnly? Cutoff, int Count);
