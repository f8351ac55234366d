namespace MigrantAid.Web.Domain;

/// <summary>What a person agreed their data may be used for (Law 09-08: consent is bound to a purpose).</summary>
public enum ConsentPurpose { CaseManagement, SharingWithPartner, ConventionReporting, PhoneContact }

/// <summary>How the consent was given.</summary>
public enum ConsentMethod { SignedForm, OralWithWitness }

/// <summary>
/// A person's consent to one purpose: when and how it was given, who recorded it, until when it
/// holds, and its withdrawal. A withdrawn consent stays on file (dated, by whom): it proves what
/// was allowed when. The region is copied from the file, so the record carries its own row scope.
/// </summary>
public class Consent : Entity, IRegionScoped
{
    public const int PartnerNameMaxLength = 200;
    public const int WitnessMaxLength = 200;

    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    /// <summary>SharingWithPartner only: the organisation the person agreed their file may be shared with.</summary>
    public string? PartnerName { get; set; }
    public ConsentMethod Method { get; set; }
    /// <summary>Oral consent: the witness present.</summary>
    public string? Witness { get; set; }
    public DateOnly GivenOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? RecordedById { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawnById { get; set; }

    public bool IsValidOn(DateOnly day) => WithdrawnOn is null && GivenOn <= day && (ExpiresOn is null || ExpiresOn >= day);

    /// <summary>Does this consent name that organisation? Compared on the folded name (case, accents, spaces).</summary>
    public bool Names(string? organisation) =>
        Purpose == ConsentPurpose.SharingWithPartner && organisation is not null && PartnerName is not null
        && NameKey.Key(PartnerName) == NameKey.Key(organisation);

    public void Withdraw(DateOnly on, string? byUserId)
    {
        WithdrawnOn ??= on;
        WithdrawnById ??= byUserId;
    }
}

public enum PrivacyRequestKind { Access, Rectification, Objection, Erasure }

public enum PrivacyRequestStatus { Received, InProgress, Done, Refused }

/// <summary>
/// A request of a person on file exercising their rights (Law 09-08, GDPR): answered by its
/// deadline (one month by default). Holds no free text about the person.
/// </summary>
public class PrivacyRequest : Entity, IRegionScoped
{
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public PrivacyRequestStatus Status { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? HandledById { get; set; }

    public bool IsOpen => Status is PrivacyRequestStatus.Received or PrivacyRequestStatus.InProgress;
    public bool IsOverdueOn(DateOnly day) => IsOpen && DueOn < day;
}
