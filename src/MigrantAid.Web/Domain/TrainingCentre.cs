namespace MigrantAid.Web.Domain;

public enum CentreKind
{
    ApprenticeshipCentre,
    VocationalTrainingCentre,
    WomensEducationCentre,
    SocialEducationCentre,
    MultipurposeSocialCentre,
}

/// <summary>One of the agency's 1,600+ training centres, imported from the CSV referential.</summary>
public class TrainingCentre : Entity
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int AddressMaxLength = 300;

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameArabic { get; set; }
    public CentreKind Kind { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int? ProvinceId { get; set; }
    public Province? Province { get; set; }
    public string City { get; set; } = "";
    public string? Address { get; set; }
    public int Capacity { get; set; }
    public List<CentreTrade> Trades { get; set; } = [];
}

/// <summary>A trade a centre teaches.</summary>
public class CentreTrade
{
    public int TrainingCentreId { get; set; }
    public TrainingCentre? TrainingCentre { get; set; }
    public int TradeId { get; set; }
    public Trade? Trade { get; set; }
}
