namespace MigrantAid.Web.Domain;

public enum Sex { Female, Male }

public enum AdministrativeStatus { Unknown, Regularised, AsylumSeeker, Refugee, Irregular }

public enum EducationLevel { Unknown, None, Primary, Secondary, Higher, Vocational }

/// <summary>Vulnerabilities recorded on a file (several may apply). Sensitive.</summary>
[Flags]
public enum Vulnerability
{
    None = 0,
    UnaccompaniedMinor = 1,
    SingleParent = 2,
    Pregnancy = 4,
    Disability = 8,
    ChronicIllness = 16,
    Homeless = 32,
    VictimOfViolence = 64,
}

/// <summary>
/// A migrant's beneficiary file. Belongs to a region: social workers and the regional
/// manager of that region see it (row scope). Legal-status details, vulnerabilities and
/// health are sensitive: never shown to centre directors or partners.
/// </summary>
public class Migrant : Entity, IRegionScoped
{
    public const int FileNumberMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int CityMaxLength = 100;
    public const int AddressMaxLength = 300;
    public const int LanguagesMaxLength = 200;
    public const int DocumentNumberMaxLength = 40;
    public const int SkillsMaxLength = 1000;
    public const int ConsentScopeMaxLength = 500;

    /// <summary>Region code, year and sequence, e.g. RSK-2026-000123. Unique.</summary>
    public string FileNumber { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string? FamilyNameArabic { get; set; }
    public string? GivenNameArabic { get; set; }
    public Sex Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    /// <summary>When only the year of birth is known (or estimated).</summary>
    public int? BirthYear { get; set; }
    public int NationalityId { get; set; }
    public Country? Nationality { get; set; }
    public string? Languages { get; set; }
    public string? Phone { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public DateOnly? ArrivalDate { get; set; }

    // Sensitive: legal status.
    public AdministrativeStatus AdministrativeStatus { get; set; }
    public int? RegularisationYear { get; set; }
    public string? ResidenceCardNumber { get; set; }
    public DateOnly? ResidenceCardExpiry { get; set; }
    public string? UnhcrNumber { get; set; }

    public EducationLevel EducationLevel { get; set; }
    public string? Skills { get; set; }
    /// <summary>Sensitive.</summary>
    public Vulnerability Vulnerabilities { get; set; }

    // Consent to the processing of personal data, and who recorded it when.
    public bool ConsentGiven { get; set; }
    public string? ConsentScope { get; set; }
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentRecordedById { get; set; }

    public string? RegisteredById { get; set; }

    /// <summary>Effective year of birth, from the date or the year.</summary>
    public int? YearOfBirth => BirthDate?.Year ?? BirthYear;

    /// <summary>Training enrolments; also what lets a centre director see this file (row scope).</summary>
    public List<Enrolment> Enrolments { get; set; } = [];
}
