namespace MigrantAid.Web.Domain;

public enum AidKind { Food, Clothing, Blankets, HygieneKit, MedicalCare, Cash, Other }

/// <summary>A place where the region hands out aid, e.g. "Al Kamra, Rabat" (a small list each region keeps).</summary>
public class AidSite : Entity, IRegionScoped
{
    public const int NameMaxLength = 120;
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public int RegionId { get; set; }
    public Region? Region { get; set; }

    public string Label => $"{Name}, {City}";
}

/// <summary>
/// One handing-out of aid at a site: planned and actual quantity, the registered recipients
/// by file, and a head-count of the people not registered by sex and age band, as
/// humanitarian practice does where registration is not possible.
/// </summary>
public class AidDistribution : Entity, IRegionScoped
{
    public const int UnitMaxLength = 30;
    public const int ByMaxLength = 120;
    public const int ReasonMaxLength = 1000;

    public DateOnly Date { get; set; }
    public int AidSiteId { get; set; }
    public AidSite? Site { get; set; }
    public int RegionId { get; set; }
    public AidKind Kind { get; set; }
    public decimal PlannedQuantity { get; set; }
    public decimal ActualQuantity { get; set; }
    public string Unit { get; set; } = "";
    public int PlannedRecipients { get; set; }
    public string DistributedBy { get; set; } = "";
    /// <summary>Why actual differs from planned (reconciliation).</summary>
    public string? DifferenceReason { get; set; }
    public int UnregisteredGirls { get; set; }
    public int UnregisteredBoys { get; set; }
    public int UnregisteredWomen { get; set; }
    public int UnregisteredMen { get; set; }
    /// <summary>What the aid handed out is worth, in MAD (optional): the conventions report aid value in their currency from it.</summary>
    public decimal? ValueMad { get; set; }
    public List<AidRecipient> Recipients { get; set; } = [];

    public int UnregisteredTotal => UnregisteredGirls + UnregisteredBoys + UnregisteredWomen + UnregisteredMen;
}

/// <summary>
/// A registered migrant who received a distribution. When they had already received the same
/// kind within its period, the decision to give again is recorded with its reason.
/// </summary>
public class AidRecipient : IRegionScoped
{
    public int Id { get; set; }
    public int AidDistributionId { get; set; }
    public AidDistribution? Distribution { get; set; }
    public int MigrantId { get; set; }
    public Migrant? Migrant { get; set; }
    public int RegionId { get; set; }
    public int? EarlierDistributionId { get; set; }
    public string? RepeatReason { get; set; }
}
