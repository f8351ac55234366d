namespace MigrantAid.Web.Domain;

public class Region : ReferenceEntity
{
    public int Population { get; set; }
    public List<Province> Provinces { get; set; } = [];
}

public enum ProvinceKind { Province, Prefecture }

public class Province : ReferenceEntity
{
    public ProvinceKind Kind { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int Population { get; set; }
}

/// <summary>ISO 3166-1 country, used for nationality. Code is alpha-2.</summary>
public class Country : ReferenceEntity
{
    public string Alpha3 { get; set; } = "";
}

public class Sector : ReferenceEntity
{
    public List<Trade> Trades { get; set; } = [];
}

/// <summary>A trade (filière) taught by the centres, e.g. aluminium joinery.</summary>
public class Trade : ReferenceEntity
{
    public int SectorId { get; set; }
    public Sector? Sector { get; set; }
}

/// <summary>
/// Diploma track: qualification (24 months) or apprenticeship (12 months). Alternating
/// training spends a share of the time (80 % by default) with a host professional.
/// </summary>
public class DiplomaTrack : ReferenceEntity
{
    public const string Qualification = "QUALIF";
    public const string Apprenticeship = "APPRENT";

    public int DurationMonths { get; set; }
    public bool AlternatingTraining { get; set; } = true;
    public int HostSharePercent { get; set; } = 80;
}

public enum PartnerKind { MultilateralDonor, BilateralCooperation, Ngo, PublicBody, LocalAssociation }

public class Partner : ReferenceEntity
{
    public PartnerKind Kind { get; set; }
    public string? CountryCode { get; set; }
}
