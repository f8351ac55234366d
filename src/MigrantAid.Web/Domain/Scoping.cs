namespace MigrantAid.Web.Domain;

/// <summary>
/// A record that belongs to a region (e.g. a migrant's file). <c>AppDbContext</c> gives every
/// such entity the named query filter "Scope": national roles see all, regional roles their
/// region, others nothing unless a feature adds its own rule.
/// </summary>
public interface IRegionScoped
{
    int RegionId { get; }
}

/// <summary>
/// A record that belongs to a training centre (and so to its region), e.g. an enrolment:
/// visible to national roles, to the centre's region, and to the centre's director.
/// </summary>
public interface ICentreScoped
{
    int RegionId { get; }
    int TrainingCentreId { get; }
}
