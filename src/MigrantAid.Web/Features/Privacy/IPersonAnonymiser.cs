namespace MigrantAid.Web.Features.Privacy;

/// <summary>
/// Anonymises one person's file and every record linked to it, keeping what aggregates need.
/// Implemented by the privacy feature; the retention job calls it for closed case files.
/// </summary>
public interface IPersonAnonymiser
{
    Task AnonymiseAsync(int migrantId, string reason, CancellationToken ct);
}
