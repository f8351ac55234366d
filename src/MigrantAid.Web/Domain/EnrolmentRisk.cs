namespace MigrantAid.Web.Domain;

/// <summary>
/// The stored dropout-risk state of an active or suspended enrolment (Features/Enrolments/RiskState.cs):
/// the reasons the rules give, as bit flags, exact through <see cref="ValidThrough"/> (the month's
/// end or the next start or end of a host placement, whichever comes first). Kept up to date when
/// the records it is computed from are saved, re-evaluated by the background refresh; a region's
/// risk list reads the few rows with a reason instead of evaluating every apprentice.
/// </summary>
public class EnrolmentRisk : ICentreScoped
{
    public int EnrolmentId { get; set; }
    public int MigrantId { get; set; }
    public int TrainingCentreId { get; set; }
    public int RegionId { get; set; }
    /// <summary>Bit <c>1 &lt;&lt; reason</c> for each reason (RiskReason) that applies.</summary>
    public int Reasons { get; set; }
    public int ReasonCount { get; set; }
    public DateOnly ValidThrough { get; set; }
}
