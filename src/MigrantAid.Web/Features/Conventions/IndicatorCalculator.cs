using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>One cell of a breakdown: a label and a count (shown "&lt; 5" when suppressed).</summary>
public sealed record Cell(string Key, string Label, int Value, bool Suppressed = false)
{
    public string Display(IFormatProvider? culture = null) => Suppressed ? SmallCells.Shown : Value.ToString("N0", culture ?? CultureInfo.CurrentCulture);
}

/// <summary>A disaggregation of one actual: by sex, age band, nationality or region.</summary>
public sealed record Breakdown(string Dimension, IReadOnlyList<Cell> Cells);

/// <summary>The computed actual of one indicator kind for one or more conventions and one period.</summary>
public sealed record IndicatorActual(IndicatorKind Kind, decimal Total, bool TotalSuppressed, int People, int HeadCount, IReadOnlyList<Breakdown> Breakdowns)
{
    public string DisplayTotal(IFormatProvider? culture = null) => TotalSuppressed ? SmallCells.Shown : Total.ToString("#,0.##", culture ?? CultureInfo.CurrentCulture);
    public Breakdown? By(string dimension) => Breakdowns.FirstOrDefault(b => b.Dimension == dimension);
}

/// <summary>
/// Small-cell suppression: a partner never sees a count of fewer than five people, so no one
/// can be re-identified by narrowing. When only one cell of a breakdown is hidden, the next
/// smallest is hidden too, so the total cannot give it away.
/// </summary>
public static class SmallCells
{
    public const int Threshold = 5;
    public const string Shown = "< 5";

    public static bool Hides(decimal value) => value > 0 && value < Threshold;

    public static IReadOnlyList<Cell> Suppress(IReadOnlyList<Cell> cells)
    {
        var result = cells.Select(c => c with { Suppressed = Hides(c.Value) }).ToList();
        if (result.Count(c => c.Suppressed) == 1 && result.Where(c => !c.Suppressed && c.Value > 0).MinBy(c => c.Value) is { } next)
        {
            result[result.IndexOf(next)] = next with { Suppressed = true };
        }
        return result;
    }
}

public static class Dimensions
{
    public const string Sex = "sex";
    public const string Age = "age";
    public const string Nationality = "nationality";
    public const string Region = "region";
    /// <summary>Washington Group Short Set: a lot of difficulty or cannot do in any domain.</summary>
    public const string Disability = "disability";
    public const string WithDisability = "disability-yes";
    public const string WithoutDisability = "disability-no";
    public static readonly IReadOnlyList<string> All = [Sex, Age, Nationality, Region, Disability];
}

/// <summary>
/// The one place that turns attributed records into numbers (the reporting path): asks the
/// registered <see cref="IIndicatorSource"/>s for the facts and groups them in SQL — a person
/// counts once per indicator and period however many records they have; disaggregations are
/// grouped by sex, birth year, nationality and region in the database and only then banded.
/// Never returns a person row. Callers pass only conventions the user may read.
/// </summary>
public sealed class IndicatorCalculator(AppDbContext db, IEnumerable<IIndicatorSource> sources)
{
    public const int TopNationalities = 5;

    private sealed record Group(int? Sex, int? BirthYear, int? NationalityId, int RegionId, int Count, bool? Disability = null);

    public static bool IsQuantity(IndicatorKind kind) => kind == IndicatorKind.AidQuantity;

    public bool Knows(IndicatorKind kind) => sources.Any(s => s.Kinds.Contains(kind));

    public async Task<IndicatorActual> ComputeAsync(IndicatorKind kind, IReadOnlyCollection<int> conventionIds, ReportPeriod period,
        string ageBands, bool suppress, CancellationToken ct)
    {
        var groups = new List<Group>();
        var headCounts = new List<Group>();
        decimal quantity = 0;
        foreach (var source in sources.Where(s => s.Kinds.Contains(kind)))
        {
            var facts = source.Facts(db, kind, conventionIds, period.Start, period.EndExclusive);
            if (IsQuantity(kind))
            {
                quantity += await facts.SumAsync(f => f.Quantity, ct);
                continue;
            }
            // One row per person (sex, birth year and nationality are the same on each of their records; the region is the first one's), then counted per group.
            var people = facts.Where(f => f.MigrantId != null).GroupBy(f => new { f.MigrantId, f.Sex, f.BirthYear, f.NationalityId, f.Disability })
                .Select(g => new { g.Key.Sex, g.Key.BirthYear, g.Key.NationalityId, g.Key.Disability, RegionId = g.Min(f => f.RegionId) });
            groups.AddRange((await people.GroupBy(p => new { p.Sex, p.BirthYear, p.NationalityId, p.RegionId, p.Disability })
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new Group((int?)g.Key.Sex, g.Key.BirthYear, g.Key.NationalityId, g.Key.RegionId, g.Count, g.Key.Disability)));
            headCounts.AddRange((await facts.Where(f => f.MigrantId == null).GroupBy(f => new { f.Sex, f.Child, f.RegionId })
                .Select(g => new { g.Key, Count = g.Sum(f => f.HeadCount) }).ToListAsync(ct))
                .Select(g => new Group((int?)g.Key.Sex, g.Key.Child == true ? 0 : null, null, g.Key.RegionId, g.Count)));
        }
        var peopleCount = groups.Sum(g => g.Count);
        var headCount = headCounts.Sum(g => g.Count);
        var total = IsQuantity(kind) ? quantity : peopleCount + headCount;
        var breakdowns = IsQuantity(kind) ? [] : await BreakdownsAsync(groups, headCounts, period, ageBands, suppress, ct);
        return new IndicatorActual(kind, total, suppress && !IsQuantity(kind) && SmallCells.Hides(total), peopleCount, headCount, breakdowns);
    }

    private async Task<IReadOnlyList<Breakdown>> BreakdownsAsync(List<Group> people, List<Group> headCounts, ReportPeriod period,
        string ageBands, bool suppress, CancellationToken ct)
    {
        var all = people.Concat(headCounts).ToList();
        var language = Infrastructure.Localization.Cultures.Current;
        var bySex = new (int Key, string Name)[] { ((int)Sex.Female, "F"), ((int)Sex.Male, "M") }
            .Select(s => new Cell(s.Name, s.Name, all.Where(g => g.Sex == s.Key).Sum(g => g.Count)))
            .Append(new Cell("unknown", "unknown", all.Where(g => g.Sex is null).Sum(g => g.Count)))
            .Where(c => c.Key != "unknown" || c.Value > 0).ToList();

        var bands = PartnerConvention.ParseAgeBands(ageBands);
        if (bands.Count == 0)
        {
            bands = PartnerConvention.ParseAgeBands(PartnerConvention.DefaultAgeBands);
        }
        // Age at the end of the period, from the year of birth; head-counts of children fall in the first band.
        int? Age(Group g) => g.NationalityId is null && g.BirthYear == 0 ? 0 : g.BirthYear is { } y and > 0 ? period.LastDay.Year - y : null;
        var byAge = bands.Select(b => new Cell(BandKey(b), BandKey(b),
                all.Where(g => Age(g) is { } a && a >= b.From && (b.To is null || a <= b.To)).Sum(g => g.Count)))
            .Append(new Cell("unknown", "unknown", all.Where(g => Age(g) is null).Sum(g => g.Count)))
            .Where(c => c.Key != "unknown" || c.Value > 0).ToList();

        var nationalityCounts = people.Where(g => g.NationalityId is not null).GroupBy(g => g.NationalityId!.Value)
            .Select(g => (Id: g.Key, Count: g.Sum(x => x.Count))).OrderByDescending(x => x.Count).ThenBy(x => x.Id).ToList();
        var top = nationalityCounts.Take(TopNationalities).ToList();
        var topIds = top.Select(t => t.Id).ToList();
        var countries = await db.Countries.AsNoTracking().Where(c => topIds.Contains(c.Id)).ToListAsync(ct);
        var byNationality = top.Select(t => countries.Single(c => c.Id == t.Id) is var c ? new Cell(c.Code, c.Name(language), t.Count) : null!)
            .Append(new Cell("other", "other", nationalityCounts.Skip(TopNationalities).Sum(x => x.Count) + headCounts.Sum(g => g.Count)))
            .Where(c => c.Key != "other" || c.Value > 0).ToList();

        var regionIds = all.Select(g => g.RegionId).Distinct().ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToListAsync(ct);
        var byRegion = all.GroupBy(g => g.RegionId).Select(g => regions.SingleOrDefault(r => r.Id == g.Key) is { } r
                ? new Cell(r.Code, r.Name(language), g.Sum(x => x.Count)) : new Cell("unknown", "unknown", g.Sum(x => x.Count)))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

        // Washington Group disability of the registered people; head-counts and files where it was not asked are "unknown".
        var byDisability = new[] { (Key: Dimensions.WithDisability, Value: (bool?)true), (Key: Dimensions.WithoutDisability, Value: false) }
            .Select(d => new Cell(d.Key, d.Key, all.Where(g => g.Disability == d.Value).Sum(g => g.Count)))
            .Append(new Cell("unknown", "unknown", all.Where(g => g.Disability is null).Sum(g => g.Count)))
            .Where(c => c.Key != "unknown" || c.Value > 0).ToList();

        Breakdown B(string d, IReadOnlyList<Cell> cells) => new(d, suppress ? SmallCells.Suppress(cells) : cells);
        return [B(Dimensions.Sex, bySex), B(Dimensions.Age, byAge), B(Dimensions.Nationality, byNationality), B(Dimensions.Region, byRegion),
            B(Dimensions.Disability, byDisability)];
    }

    public static string BandKey((int From, int? To) band) => band.To is { } to
        ? string.Create(CultureInfo.InvariantCulture, $"{band.From}-{to}")
        : string.Create(CultureInfo.InvariantCulture, $"{band.From}+");

    /// <summary>
    /// The national view of one person-counting indicator: each convention's own count, the
    /// distinct people over all of them, and how many each pair of conventions shares.
    /// </summary>
    public async Task<Overlap> OverlapAsync(IndicatorKind kind, IReadOnlyCollection<int> conventionIds, ReportPeriod period, CancellationToken ct)
    {
        var perConvention = new Dictionary<int, int>();
        var pairs = new Dictionary<(int, int), int>();
        var distinct = 0;
        foreach (var source in sources.Where(s => s.Kinds.Contains(kind)))
        {
            var facts = source.Facts(db, kind, conventionIds, period.Start, period.EndExclusive);
            var members = facts.Where(f => f.MigrantId != null).Select(f => new { f.ConventionId, f.MigrantId }).Distinct();
            foreach (var c in await members.GroupBy(m => m.ConventionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            {
                perConvention[c.Key] = perConvention.GetValueOrDefault(c.Key) + c.Count;
            }
            distinct += await members.Select(m => m.MigrantId).Distinct().CountAsync(ct);
            var shared = from a in members
                         join b in members on a.MigrantId equals b.MigrantId
                         where a.ConventionId < b.ConventionId
                         group a by new { A = a.ConventionId, B = b.ConventionId } into g
                         select new { g.Key.A, g.Key.B, Count = g.Count() };
            foreach (var p in await shared.ToListAsync(ct))
            {
                pairs[(p.A, p.B)] = pairs.GetValueOrDefault((p.A, p.B)) + p.Count;
            }
        }
        return new Overlap(kind, perConvention, distinct, pairs);
    }
}

public sealed record Overlap(IndicatorKind Kind, IReadOnlyDictionary<int, int> PerConvention, int DistinctPeople, IReadOnlyDictionary<(int A, int B), int> Pairs)
{
    public int SumOfConventions => PerConvention.Values.Sum();
}
