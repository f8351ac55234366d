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

    public const int SearchKeyMaxLength = 600;

    private string _code = "";
    private string _name = "";
    private string? _nameArabic;
    private string _city = "";

    public string Code { get => _code; set { _code = value; UpdateSearchKey(); } }
    public string Name { get => _name; set { _name = value; UpdateSearchKey(); } }
    public string? NameArabic { get => _nameArabic; set { _nameArabic = value; UpdateSearchKey(); } }
    public CentreKind Kind { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int? ProvinceId { get; set; }
    public Province? Province { get; set; }
    public string City { get => _city; set { _city = value; UpdateSearchKey(); } }
    public string? Address { get; set; }
    public int Capacity { get; set; }
    public List<CentreTrade> Trades { get; set; } = [];

    /// <summary>
    /// Code, names (both scripts) and city folded like the migrant names (case, accents,
    /// Arabic letter forms): the centre search compares folded words to this indexed column,
    /// so "alkari", "ALKARI" and "Alkari" find one centre and the database never lower-cases.
    /// Kept up to date by the setters above (EF writes the fields directly when loading).
    /// </summary>
    public string SearchKey { get; private set; } = "";

    private void UpdateSearchKey()
    {
        var key = NameKey.Fold(string.Join(' ', _code, _name, _nameArabic, _city));
        SearchKey = key.Length > SearchKeyMaxLength ? key[..SearchKeyMaxLength] : key;
    }
}

/// <summary>A trade a centre teaches.</summary>
public class CentreTrade
{
    public int TrainingCentreId { get; set; }
    public TrainingCentre? TrainingCentre { get; set; }
    public int TradeId { get; set; }
    public Trade? Trade { get; set; }
}
