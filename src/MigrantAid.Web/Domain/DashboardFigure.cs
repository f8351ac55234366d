namespace MigrantAid.Web.Domain;

/// <summary>
/// One pre-computed count of the dashboards (a summary row), rebuilt in the background from
/// the records so that a dashboard adds up a few hundred rows instead of the whole registry.
/// Region-level rows carry <see cref="TrainingCentreId"/> 0. Scoped like the records it counts
/// (a regional manager reads their region's rows; without a user, none).
/// </summary>
public class DashboardFigure : ICentreScoped
{
    public const int MeasureMaxLength = 24;

    public long Id { get; set; }
    /// <summary>What is counted (see Features/Dashboard/Figures.cs, <c>Measures</c>).</summary>
    public string Measure { get; set; } = "";
    public int RegionId { get; set; }
    /// <summary>0 for a figure of the whole region.</summary>
    public int TrainingCentreId { get; set; }
    /// <summary>First month of the period, as year × 12 + month (0 for "now").</summary>
    public int Period { get; set; }
    /// <summary>Length of the period in months (1 for monthly rows that add up).</summary>
    public int PeriodMonths { get; set; }
    public int Key1 { get; set; }
    public int Key2 { get; set; }
    public long Value { get; set; }
    public long Value2 { get; set; }
}

/// <summary>When the dashboard figures were last rebuilt (one row).</summary>
public class DashboardFigureRefresh
{
    public int Id { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public long DurationMs { get; set; }
    public int Rows { get; set; }
}
