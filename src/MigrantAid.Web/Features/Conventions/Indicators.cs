using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>What an indicator counts: a small fixed catalogue, not a formula language.</summary>
public enum IndicatorKind
{
    NewRegistrations = 1,
    PeopleEnrolled = 2,
    PeopleCompleted = 3,
    PeopleCertified = 4,
    PeopleEmployedAfterSixMonths = 5,
    Dropouts = 6,
    ActivitiesFunded = 7,
    ActivitiesOperatingAtSixMonths = 8,
    ActivitiesOperatingAtTwelveMonths = 9,
    AidRecipients = 10,
    AidQuantity = 11,
}

/// <summary>
/// One countable fact of an indicator, attributed to a convention: either a registered person
/// (<see cref="MigrantId"/> set, <see cref="HeadCount"/> 1; counted once per indicator and
/// period however many records they have) or a head-count of people not registered
/// (<see cref="MigrantId"/> null), with what the disaggregations need. No name, number or text.
/// </summary>
public sealed class IndicatorFact
{
    public int ConventionId { get; init; }
    public DateOnly Date { get; init; }
    public int? MigrantId { get; init; }
    public int HeadCount { get; init; } = 1;
    public Sex? Sex { get; init; }
    public int? BirthYear { get; init; }
    /// <summary>Head-counts only: children (true) or adults (false), the bands a distribution point records.</summary>
    public bool? Child { get; init; }
    public int? NationalityId { get; init; }
    /// <summary>Registered people: the Washington Group disability (null when not asked); head-counts: null.</summary>
    public bool? Disability { get; init; }
    public int RegionId { get; init; }
    /// <summary>For quantities (aid handed out): the amount; 1 otherwise.</summary>
    public decimal Quantity { get; init; } = 1;
    /// <summary>A sub-category of the fact where the indicator has one (the kind of aid, the unit).</summary>
    public string? Category { get; init; }
}

/// <summary>
/// A feature's contribution to the indicators: the facts of the kinds it knows, attributed to
/// conventions (through <see cref="ConventionAttribution"/>). Registered in DI by the feature
/// (<c>services.AddScoped&lt;IIndicatorSource, X&gt;()</c>); the conventions feature groups
/// and counts them. This is the reporting path: sources read across the row scope (numbers
/// only, never a person row reaches a page) and the caller restricts them to the conventions
/// the user may read.
/// </summary>
public interface IIndicatorSource
{
    IReadOnlyCollection<IndicatorKind> Kinds { get; }

    /// <summary>
    /// The facts of one kind for these conventions, dated within [from, to). The projection must
    /// set every member of <see cref="IndicatorFact"/> (null, 1 where unused): EF translates the
    /// calculator's grouping only over members the projection binds.
    /// </summary>
    IQueryable<IndicatorFact> Facts(AppDbContext db, IndicatorKind kind, IReadOnlyCollection<int> conventionIds, DateOnly from, DateOnly to);
}
