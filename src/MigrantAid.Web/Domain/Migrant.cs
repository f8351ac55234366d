namespace MigrantAid.Web.Domain;

public enum Sex { Female, Male }

public enum AdministrativeStatus { Unknown, Regularised, AsylumSeeker, Refugee, Irregular }

public enum EducationLevel { Unknown, None, Primary, Secondary, Higher, Vocational }

/// <summary>The four answers of a Washington Group Short Set question, coded as the Group codes them (1 to 4).</summary>
public enum FunctioningDifficulty { NoDifficulty = 1, SomeDifficulty = 2, ALotOfDifficulty = 3, CannotDoAtAll = 4 }

/// <summary>The six domains of the Washington Group Short Set on functioning.</summary>
public enum FunctioningDomain { Seeing, Hearing, Walking, Remembering, SelfCare, Communicating }

/// <summary>Vulnerabilities recorded on a file (several may apply). Sensitive.</summary>
[Flags]
public enum Vulnerability
{
    None = 0,
    UnaccompaniedMinor = 1,
    SingleParent = 2,
    Pregnancy = 4,
    // 8 was a free "disability" flag: replaced by the Washington Group questions (Migrant.HasDisability).
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

    // Sensitive: the Washington Group Short Set, each question optional. HasDisability is kept in
    // step by the setters and stored, so dashboards and indicators disaggregate by it in SQL.
    private FunctioningDifficulty? _wgSeeing, _wgHearing, _wgWalking, _wgRemembering, _wgSelfCare, _wgCommunicating;
    public FunctioningDifficulty? WgSeeing { get => _wgSeeing; set { _wgSeeing = value; UpdateDisability(); } }
    public FunctioningDifficulty? WgHearing { get => _wgHearing; set { _wgHearing = value; UpdateDisability(); } }
    public FunctioningDifficulty? WgWalking { get => _wgWalking; set { _wgWalking = value; UpdateDisability(); } }
    public FunctioningDifficulty? WgRemembering { get => _wgRemembering; set { _wgRemembering = value; UpdateDisability(); } }
    public FunctioningDifficulty? WgSelfCare { get => _wgSelfCare; set { _wgSelfCare = value; UpdateDisability(); } }
    public FunctioningDifficulty? WgCommunicating { get => _wgCommunicating; set { _wgCommunicating = value; UpdateDisability(); } }
    /// <summary>Washington Group: "a lot of difficulty" or "cannot do at all" in at least one domain; null when no question was answered.</summary>
    public bool? HasDisability { get; private set; }

    public FunctioningDifficulty? Functioning(FunctioningDomain domain) => domain switch
    {
        FunctioningDomain.Seeing => WgSeeing,
        FunctioningDomain.Hearing => WgHearing,
        FunctioningDomain.Walking => WgWalking,
        FunctioningDomain.Remembering => WgRemembering,
        FunctioningDomain.SelfCare => WgSelfCare,
        _ => WgCommunicating,
    };

    public void SetFunctioning(FunctioningDomain domain, FunctioningDifficulty? answer)
    {
        switch (domain)
        {
            case FunctioningDomain.Seeing: WgSeeing = answer; break;
            case FunctioningDomain.Hearing: WgHearing = answer; break;
            case FunctioningDomain.Walking: WgWalking = answer; break;
            case FunctioningDomain.Remembering: WgRemembering = answer; break;
            case FunctioningDomain.SelfCare: WgSelfCare = answer; break;
            default: WgCommunicating = answer; break;
        }
    }

    public static bool IsDisability(FunctioningDifficulty? answer) => answer >= FunctioningDifficulty.ALotOfDifficulty;

    private void UpdateDisability()
    {
        FunctioningDifficulty?[] answers = [_wgSeeing, _wgHearing, _wgWalking, _wgRemembering, _wgSelfCare, _wgCommunicating];
        HasDisability = answers.All(a => a is null) ? null : answers.Any(IsDisability);
    }

    // Consent to the processing of personal data, and who recorded it when.
    public bool ConsentGiven { get; set; }
    public string? ConsentScope { get; set; }
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentRecordedById { get; set; }

    public string? RegisteredById { get; set; }

    // Search keys (see NameKey), kept in step with the names by UpdateSearchKeys().
    public const int KeyMaxLength = 200;
    public const int DuplicateNoteMaxLength = 200;
    public string FamilyNameKey { get; set; } = "";
    public string GivenNameKey { get; set; } = "";
    public string? FamilyNameArabicKey { get; set; }
    public string? GivenNameArabicKey { get; set; }
    /// <summary>Digits of the phone number without the international or trunk prefix.</summary>
    public string? PhoneKey { get; set; }
    /// <summary>Cross-script duplicate keys (NameKey.SkeletonKey) of the names and of the Arabic names.</summary>
    public string? NameSkeletonKey { get; set; }
    public string? ArabicNameSkeletonKey { get; set; }
    public List<MigrantNameToken> NameTokens { get; set; } = [];

    /// <summary>
    /// The files the registering user was warned about and confirmed to be other people
    /// (comma-separated file numbers); null when no duplicate was suspected.
    /// </summary>
    public string? ConfirmedNotDuplicateOf { get; set; }

    /// <summary>When this file was merged into another one, the kept file: this one is only a redirecting stub.</summary>
    public int? MergedIntoId { get; set; }

    public List<HouseholdMember> Household { get; set; } = [];

    /// <summary>Recomputes the name keys, the search tokens and the phone key from the current values.</summary>
    public void UpdateSearchKeys()
    {
        // Invisible characters never reach a stored name (whatever path wrote it: form, import, merge).
        FamilyName = NameKey.RemoveInvisible(FamilyName)!;
        GivenName = NameKey.RemoveInvisible(GivenName)!;
        FamilyNameArabic = NameKey.RemoveInvisible(FamilyNameArabic);
        GivenNameArabic = NameKey.RemoveInvisible(GivenNameArabic);
        FamilyNameKey = Truncate(NameKey.Key(FamilyName))!;
        GivenNameKey = Truncate(NameKey.Key(GivenName))!;
        FamilyNameArabicKey = Truncate(NullIfEmpty(NameKey.Key(FamilyNameArabic)));
        GivenNameArabicKey = Truncate(NullIfEmpty(NameKey.Key(GivenNameArabic)));
        PhoneKey = PhoneDigits(Phone);
        NameSkeletonKey = NameKey.SkeletonKey(FamilyName, GivenName);
        ArabicNameSkeletonKey = NameKey.SkeletonKey(FamilyNameArabic, GivenNameArabic);
        var tokens = NameKey.Tokens(FamilyName, GivenName, FamilyNameArabic, GivenNameArabic);
        NameTokens.RemoveAll(t => !tokens.Contains(t.Token));
        foreach (var token in tokens.Where(t => NameTokens.All(n => n.Token != t)))
        {
            NameTokens.Add(new MigrantNameToken { Token = token });
        }
    }

    /// <summary>A phone number reduced to its national digits: "+212 6-12 34 56 78" and "0612345678" → "612345678".</summary>
    public static string? PhoneDigits(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (digits.StartsWith("212", StringComparison.Ordinal) && digits.Length > 9) digits = digits[3..];
        if (digits.StartsWith('0')) digits = digits[1..];
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Document numbers are compared without case, spaces or dashes.</summary>
    public static string? NormalizeDocumentNumber(string? number)
    {
        var s = new string((number ?? "").Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return s.Length == 0 ? null : s;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
    private static string? Truncate(string? s) => s is { Length: > KeyMaxLength } ? s[..KeyMaxLength] : s;

    /// <summary>Effective year of birth, from the date or the year.</summary>
    public int? YearOfBirth => BirthDate?.Year ?? BirthYear;

    /// <summary>Training enrolments; also what lets a centre director see this file (row scope).</summary>
    public List<Enrolment> Enrolments { get; set; } = [];
}

/// <summary>One search token of a migrant's names (see NameKey.Tokens): prefix search is an index range scan on Token.</summary>
public class MigrantNameToken
{
    public const int TokenMaxLength = 60;
    public int MigrantId { get; set; }
    public string Token { get; set; } = "";
}
