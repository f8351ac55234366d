namespace MigrantAid.Web.Domain;

public enum CaseNoteKind { Interview, HomeVisit, SiteVisit, PhoneCall, Assessment }

/// <summary>
/// A social worker's note on a migrant's file. The region is copied from the file so the
/// note carries its own row scope. Confidential text is sensitive.
/// </summary>
public class CaseNote : Entity, IRegionScoped
{
    public const int TextMaxLength = 4000;
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public CaseNoteKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public string Text { get; set; } = "";
    public bool Confidential { get; set; }
    public string? AuthorId { get; set; }
}

/// <summary>Income: the person needs money to live — the first cause of dropouts (article).</summary>
public enum NeedKind { Health, Legal, Unhcr, Education, Housing, PartnerNgo, Other, Income }

public enum NeedStatus { Open, Referred, Done, Refused }

/// <summary>A need identified on a file and its referral (to whom, status with dates).</summary>
public class Need : Entity, IRegionScoped
{
    public const int ReferredToMaxLength = 200;
    public const int NotesMaxLength = 1000;
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public NeedKind Kind { get; set; }
    public string? ReferredTo { get; set; }
    public NeedStatus Status { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ReferredOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Notes { get; set; }

    /// <summary>Moves the need to a status, stamping the date of the step.</summary>
    public void SetStatus(NeedStatus status, DateOnly on)
    {
        Status = status;
        switch (status)
        {
            case NeedStatus.Referred:
                ReferredOn ??= on;
                ClosedOn = null;
                break;
            case NeedStatus.Done or NeedStatus.Refused:
                ClosedOn = on;
                break;
            default:
                ClosedOn = null;
                break;
        }
    }
}

public enum Relationship { Spouse, Child, Parent, Sibling, OtherRelative, Other }

/// <summary>
/// A member of a migrant's household: a registered migrant (RelatedMigrantId) or an
/// unregistered dependant (name and age).
/// </summary>
public class HouseholdMember : Entity, IRegionScoped
{
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public int? RelatedMigrantId { get; set; }
    public Migrant? RelatedMigrant { get; set; }
    public string? Name { get; set; }
    public int? Age { get; set; }
    public Relationship Relationship { get; set; }
}

/// <summary>
/// Two files of one person merged: every linked record moved from the merged file to the
/// kept one (listed in MovedRecords, so an Administrator can undo it) and the merged file
/// became a stub redirecting to the kept one.
/// </summary>
public class MigrantMerge : Entity, IRegionScoped
{
    public const int MovedRecordsMaxLength = 8000;
    public int KeptId { get; set; }
    public int MergedId { get; set; }
    public int RegionId { get; set; }
    /// <summary>JSON: record type → ids moved (see IMigrantMergeParticipant).</summary>
    public string MovedRecords { get; set; } = "{}";
    public DateTimeOffset? ReversedAt { get; set; }
    public string? ReversedBy { get; set; }
}
