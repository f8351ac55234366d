using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Activities;

namespace MigrantAid.Web.Features.Distributions;

public sealed record DistributionRow(int Id, DateOnly Date, string Site, AidKind Kind, decimal ActualQuantity, string Unit, int Registered, int Unregistered);
public sealed record DistributionListViewModel(IReadOnlyList<DistributionRow> Rows, IReadOnlyList<Choice> Sites, int? SiteId, AidKind? Kind, int Total, Pager Pager);
public sealed record DistributionFormViewModel(DistributionForm Form, IReadOnlyList<Choice> Sites, IReadOnlyList<Choice> Conventions, int? EditId = null);
public sealed record UploadReportViewModel(AidDistribution Distribution, UploadReport Report);
public sealed record RecipientRow(int Id, int MigrantId, string FileNumber, string Name, string? RepeatReason);
public sealed record EarlierAid(int Id, DateOnly Date, string Site);
public sealed record DistributionDetailsViewModel(AidDistribution Distribution, IReadOnlyList<RecipientRow> Recipients, IReadOnlyList<string> Conventions,
    RecipientForm Form, EarlierAid? Earlier, int PeriodDays)
{
    /// <summary>The registry search by name on the page, when one was made.</summary>
    public RecipientSearch? Search { get; init; }
}

public sealed record RecipientMatch(int MigrantId, string FileNumber, string Name, int? BirthYear, bool OnList);

/// <summary>The first matches of a name search (<see cref="More"/> when there are others: the user narrows the search); <see cref="TooShort"/> for a single character.</summary>
public sealed record RecipientSearch(string Query, IReadOnlyList<RecipientMatch> Matches, bool More, bool TooShort);
public sealed record BeneficiaryCard(int MigrantId, string FileNumber, string Name, string? NameArabic, string QrDataUri);
public sealed record ReconciliationViewModel(int Year, int Month, IReadOnlyList<ReconciliationLine> Lines);
public sealed record SiteRow(int Id, string Name, string City, string Region);
public sealed record SitesViewModel(IReadOnlyList<SiteRow> Sites, SiteForm Form, IReadOnlyList<Choice> Regions);
