namespace MigrantAid.Web.Domain;

/// <summary>What a <see cref="ConventionFigure"/> row holds.</summary>
public enum ConventionFigureMeasure
{
    /// <summary>One convention's actual of one indicator kind in one year (Total, People, HeadCount).</summary>
    Actual = 1,
    /// <summary>The people two conventions share (PartnerConventionId &lt; OtherConventionId) in People.</summary>
    Pair = 2,
    /// <summary>The distinct people over all conventions (RegionId 0) or over those covering one region, in People.</summary>
    Distinct = 3,
}

/// <summary>
/// A stored snapshot of the convention indicators (numbers only, never a person), rebuilt with
/// the dashboard figures (Features/Conventions/ConventionFiguresSnapshot.cs). Not row-scoped:
/// readers select the rows of the conventions the user may read (the conventions' own scope
/// filter), or the distinct figure of the user's own scope.
/// </summary>
public class ConventionFigure
{
    public long Id { get; set; }
    public ConventionFigureMeasure Measure { get; set; }
    /// <summary>The indicator kind (Features/Conventions/Indicators.cs <c>IndicatorKind</c>).</summary>
    public int Kind { get; set; }
    public int Year { get; set; }
    /// <summary>0 for a distinct figure.</summary>
    public int PartnerConventionId { get; set; }
    /// <summary>The second convention of a pair; 0 otherwise.</summary>
    public int OtherConventionId { get; set; }
    /// <summary>Distinct figures: 0 for all conventions, else the region the conventions cover.</summary>
    public int RegionId { get; set; }
    /// <summary>The actual (people and head-counts, or a quantity).</summary>
    public decimal Total { get; set; }
    public int People { get; set; }
    public int HeadCount { get; set; }
}

/// <summary>When the convention figures were last rebuilt (one row).</summary>
public class ConventionFigureRefresh
{
    public int Id { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public long DurationMs { get; set; }
    public int Rows { get; set; }
    /// <summary>The years the snapshot holds (first and last, inclusive); others are counted live.</summary>
    public int FirstYear { get; set; }
    public int LastYear { get; set; }
}
