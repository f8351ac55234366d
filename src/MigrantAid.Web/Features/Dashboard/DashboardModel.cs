using System.Globalization;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Dashboard;

public enum PeriodKind { Month, Quarter, Year, AcademicYear }

/// <summary>A dashboard period (calendar month, quarter, year, or academic year September–August).</summary>
public sealed record DashboardPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The period of this kind that contains the day.</summary>
    public static DashboardPeriod Containing(PeriodKind kind, DateOnly day)
    {
        var from = kind switch
        {
            PeriodKind.Month => new DateOnly(day.Year, day.Month, 1),
            PeriodKind.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
            PeriodKind.Year => new DateOnly(day.Year, 1, 1),
            _ => Domain.AcademicYear.FirstDay(Domain.AcademicYear.Of(day)),
        };
        var months = kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, _ => 12 };
        return new DashboardPeriod(kind, from, from.AddMonths(months).AddDays(-1));
    }

    /// <summary>The period just before, for the comparison.</summary>
    public DashboardPeriod Previous => Containing(Kind, From.AddDays(-1));

    /// <summary>First day of each month of the period.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var list = new List<DateOnly>();
            for (var m = From; m <= To; m = m.AddMonths(1)) list.Add(m);
            return list;
        }
    }

    public DateTimeOffset FromInstant => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public DateTimeOffset EndInstant => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public int FromMonthIndex => (From.Year * 12) + From.Month;
    public int ToMonthIndex => (To.Year * 12) + To.Month;

    /// <summary>The period as people say it, in the current culture.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => From.ToString("Y", CultureInfo.CurrentCulture),
        PeriodKind.Quarter => From.ToString("MMM", CultureInfo.CurrentCulture) + " – " + To.ToString("MMM yyyy", CultureInfo.CurrentCulture),
        PeriodKind.Year => From.Year.ToString(CultureInfo.CurrentCulture),
        _ => Domain.AcademicYear.Format(From.Year),
    };
}

/// <summary>
/// What a dashboard shows: a region (or all the user may see), a centre, a period. The
/// queries also run under the user's row scope, so a figure never counts what the viewer may not see.
/// </summary>
public sealed record DashboardFilter(AccessScope Scope, int? RegionId, int? CentreId, DashboardPeriod Period, DateOnly Today)
{
    public DashboardPeriod Previous => Period.Previous;
    public bool AllRegions => RegionId is null && CentreId is null;

    /// <summary>How many months of the period have begun by today: the later ones have no figure yet (not zero).</summary>
    public int MonthsBegun(DashboardPeriod period) => period.Months.Count(m => m <= new DateOnly(Today.Year, Today.Month, 1));

    /// <summary>
    /// How many months of the period have a figure: begun, and up to the last one that has one
    /// (a month's attendance is entered once it is over, so the month under way has none yet).
    /// </summary>
    public int MonthsWithFigures(DashboardPeriod period, Func<DateOnly, bool> has)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(has);
        var months = period.Months;
        var known = MonthsBegun(period);
        while (known > 0 && !has(months[known - 1]))
        {
            known--;
        }
        return known;
    }
}

public enum ChartKind { Bar, StackedBar, Line, Doughnut }

/// <summary>
/// A series of a chart. <paramref name="Known"/>: how many leading values have happened (months of
/// the current period still to come have no figure: a gap in the chart, "—" in the table, an empty
/// cell in a download — never a zero that reads as a collapse). Null: every value is known.
/// </summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Values, int? Known = null)
{
    public bool Has(int i) => Known is null || i < Known;

    /// <summary>The values for the chart script: null where the value is not known yet.</summary>
    public IReadOnlyList<double?> ForChart => Values.Select((v, i) => Has(i) ? v : (double?)null).ToList();
}

/// <summary>One chart: the same figures feed the canvas, the accessible table and the download.</summary>
public sealed record DashboardChart(string Id, string Title, ChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool IsPercent = false)
{
    /// <summary>The data block read by wwwroot/js/dashboard.js (no inline script: CSP).</summary>
    public object ToJson() => new
    {
        kind = Kind.ToString().ToLowerInvariant(), percent = IsPercent, labels = Labels,
        series = Series.Select(s => new { label = s.Label, values = s.ForChart }),
    };
}

public sealed record DashboardSectionResult(string Heading, IReadOnlyList<DashboardChart> Charts);

/// <summary>
/// A part of the dashboards, contributed by the feature that owns the records (people,
/// training; aid, activities and conventions add theirs): counts grouped in SQL under the
/// viewer's row scope, never person-level rows. Returns null when the viewer may not see it
/// or it does not apply to the filter (e.g. a centre view).
/// </summary>
public interface IDashboardSection
{
    int Order { get; }
    Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct);
}

public static class DashboardMath
{
    public static double Rate(long present, long expected) => expected <= 0 ? 0 : Math.Round(100.0 * present / expected, 1);

    /// <summary>Month labels in the current culture ("nov. 2026", "نونبر 2026").</summary>
    public static string MonthLabel(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.CurrentCulture);
}
