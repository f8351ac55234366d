using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// The convention indicators' stored snapshot, rebuilt with the dashboard figures (the home
/// widgets and the national view read it instead of counting the attributed records on every
/// view): for every convention, indicator kind and year its pages show, the actual (people
/// counted once, head-counts, or a quantity) — the same numbers as <see cref="IndicatorCalculator"/>;
/// and for the national view, each pair's shared people and the distinct people over all
/// conventions and over those covering each region (what a regional reader's view covers).
/// Numbers only; small cells are suppressed when read, as for live figures.
/// </summary>
public sealed class ConventionFiguresSnapshot(AppDbContext db, IEnumerable<IIndicatorSource> sources, TimeProvider clock) : IFiguresSnapshot
{
    private List<ConventionFigure>? rows;
    private ConventionFigureRefresh? refresh;

    public async Task ComputeAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = clock.Today();
        var conventions = await db.PartnerConventions.AsNoTracking()
            .Select(c => new { c.Id, c.StartDate, c.SignatureDate, c.EndDate, Regions = c.Regions.Select(r => r.RegionId).ToList() }).ToListAsync(ct);
        var ids = conventions.Select(c => c.Id).ToList();
        // The years the pages offer (ConventionSummary.Years) and the current one; the national view counts others live.
        var first = today.Year;
        var last = today.Year;
        foreach (var c in conventions)
        {
            var from = (c.StartDate ?? c.SignatureDate ?? today).Year;
            var to = Math.Max(from, Math.Min((c.EndDate ?? today).Year, today.Year));
            (first, last) = (Math.Min(first, from), Math.Max(last, to));
        }
        var regions = conventions.SelectMany(c => c.Regions.Select(r => (Region: r, c.Id))).GroupBy(x => x.Region)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToHashSet());

        var result = new List<ConventionFigure>();
        var kinds = Enum.GetValues<IndicatorKind>().Where(k => sources.Any(s => s.Kinds.Contains(k))).ToList();
        foreach (var kind in ids.Count == 0 ? [] : kinds)
        {
            for (var year = first; year <= last; year++)
            {
                result.AddRange(await YearAsync(kind, year, ids, regions, ct));
            }
        }
        rows = result;
        refresh = new ConventionFigureRefresh
        {
            Id = 1, RefreshedAt = clock.GetUtcNow(), DurationMs = watch.ElapsedMilliseconds, Rows = result.Count, FirstYear = first, LastYear = last,
        };
    }

    private async Task<List<ConventionFigure>> YearAsync(IndicatorKind kind, int year, List<int> ids, Dictionary<int, HashSet<int>> regions, CancellationToken ct)
    {
        var period = new ReportPeriod(year, null);
        var people = new Dictionary<int, int>();
        var heads = new Dictionary<int, int>();
        var quantities = new Dictionary<int, decimal>();
        var pairs = new Dictionary<(int, int), int>();
        var distinct = new Dictionary<int, int>();
        foreach (var source in sources.Where(s => s.Kinds.Contains(kind)))
        {
            var facts = source.Facts(db, kind, ids, period.Start, period.EndExclusive);
            if (IndicatorCalculator.IsQuantity(kind))
            {
                foreach (var q in await facts.GroupBy(f => f.ConventionId).Select(g => new { g.Key, Sum = g.Sum(f => f.Quantity) }).ToListAsync(ct))
                {
                    quantities[q.Key] = quantities.GetValueOrDefault(q.Key) + q.Sum;
                }
                continue;
            }
            // One query: each person once per convention (as the calculator counts them) and each convention's head-counts
            // (the group without a person); then shared and distinct counts in memory.
            var groups = await facts.GroupBy(f => new { f.ConventionId, f.MigrantId })
                .Select(g => new { g.Key.ConventionId, g.Key.MigrantId, Heads = g.Sum(f => f.HeadCount) }).ToListAsync(ct);
            foreach (var h in groups.Where(g => g.MigrantId is null))
            {
                heads[h.ConventionId] = heads.GetValueOrDefault(h.ConventionId) + h.Heads;
            }
            foreach (var person in groups.Where(g => g.MigrantId is not null).GroupBy(m => m.MigrantId!.Value))
            {
                var of = person.Select(m => m.ConventionId).Order().ToList();
                foreach (var c in of)
                {
                    people[c] = people.GetValueOrDefault(c) + 1;
                }
                for (var i = 0; i < of.Count; i++)
                {
                    for (var j = i + 1; j < of.Count; j++)
                    {
                        pairs[(of[i], of[j])] = pairs.GetValueOrDefault((of[i], of[j])) + 1;
                    }
                }
                distinct[0] = distinct.GetValueOrDefault(0) + 1;
                foreach (var (region, covering) in regions)
                {
                    if (of.Exists(covering.Contains))
                    {
                        distinct[region] = distinct.GetValueOrDefault(region) + 1;
                    }
                }
            }
        }
        var k = (int)kind;
        var figures = people.Keys.Union(heads.Keys).Union(quantities.Keys).Select(c => new ConventionFigure
        {
            Measure = ConventionFigureMeasure.Actual, Kind = k, Year = year, PartnerConventionId = c,
            People = people.GetValueOrDefault(c), HeadCount = heads.GetValueOrDefault(c),
            Total = IndicatorCalculator.IsQuantity(kind) ? quantities.GetValueOrDefault(c) : people.GetValueOrDefault(c) + heads.GetValueOrDefault(c),
        }).ToList();
        figures.AddRange(pairs.Select(p => new ConventionFigure
        {
            Measure = ConventionFigureMeasure.Pair, Kind = k, Year = year, PartnerConventionId = p.Key.Item1, OtherConventionId = p.Key.Item2, People = p.Value, Total = p.Value,
        }));
        figures.AddRange(distinct.Select(d => new ConventionFigure
        {
            Measure = ConventionFigureMeasure.Distinct, Kind = k, Year = year, RegionId = d.Key, People = d.Value, Total = d.Value,
        }));
        return figures;
    }

    public async Task<int> ReplaceAsync(CancellationToken ct)
    {
        if (rows is null || refresh is null)
        {
            return 0;
        }
        await db.ConventionFigures.ExecuteDeleteAsync(ct);
        await db.ConventionFigureRefreshes.ExecuteDeleteAsync(ct);
        foreach (var chunk in rows.Chunk(5_000))
        {
            db.ConventionFigures.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.ConventionFigureRefreshes.Add(refresh);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}

/// <summary>Reads the convention snapshot for conventions the caller may read (callers pass ids from the scoped conventions).</summary>
public sealed class ConventionFigures(AppDbContext db, Dashboard.FiguresTrigger trigger)
{
    /// <summary>When the snapshot was last rebuilt; null before the first refresh (one is then asked for).</summary>
    public async Task<ConventionFigureRefresh?> AsOfAsync(CancellationToken ct)
    {
        var last = await db.ConventionFigureRefreshes.AsNoTracking().SingleOrDefaultAsync(x => x.Id == 1, ct);
        if (last is null)
        {
            trigger.RequestNow();
        }
        return last;
    }

    /// <summary>The stored actuals of these conventions in these years, by (convention, kind, year); a missing one is 0.</summary>
    public async Task<Dictionary<(int Convention, IndicatorKind Kind, int Year), ConventionFigure>> ActualsAsync(
        IReadOnlyCollection<int> conventionIds, IReadOnlyCollection<int> years, CancellationToken ct)
    {
        var ids = conventionIds.ToArray();
        var y = years.Distinct().ToArray();
        return (await db.ConventionFigures.AsNoTracking()
                .Where(f => f.Measure == ConventionFigureMeasure.Actual && ids.Contains(f.PartnerConventionId) && y.Contains(f.Year)).ToListAsync(ct))
            .ToDictionary(f => (f.PartnerConventionId, (IndicatorKind)f.Kind, f.Year));
    }

    /// <summary>
    /// The national view of one kind and year from the snapshot, over the conventions the user
    /// reads: all of them (national roles) or those covering their region (regional readers).
    /// Null when the snapshot cannot answer (not computed yet, a year it does not hold, another scope).
    /// </summary>
    public async Task<Overlap?> OverlapAsync(ConventionFigureRefresh asOf, AccessScope scope, IndicatorKind kind, IReadOnlyCollection<int> conventionIds, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asOf);
        ArgumentNullException.ThrowIfNull(scope);
        int? region = scope.IsNational ? 0 : scope.Kind == ScopeKind.Region && scope.RegionId is { } r ? r : null;
        if (region is null || year < asOf.FirstYear || year > asOf.LastYear)
        {
            return null;
        }
        var ids = conventionIds.ToHashSet();
        var k = (int)kind;
        var rows = await db.ConventionFigures.AsNoTracking().Where(f => f.Kind == k && f.Year == year
            && (f.Measure == ConventionFigureMeasure.Actual || f.Measure == ConventionFigureMeasure.Pair
                || (f.Measure == ConventionFigureMeasure.Distinct && f.RegionId == region))).ToListAsync(ct);
        var perConvention = rows.Where(f => f.Measure == ConventionFigureMeasure.Actual && ids.Contains(f.PartnerConventionId) && f.People > 0)
            .ToDictionary(f => f.PartnerConventionId, f => f.People);
        var pairs = rows.Where(f => f.Measure == ConventionFigureMeasure.Pair && ids.Contains(f.PartnerConventionId) && ids.Contains(f.OtherConventionId))
            .ToDictionary(f => (f.PartnerConventionId, f.OtherConventionId), f => f.People);
        var distinct = rows.Where(f => f.Measure == ConventionFigureMeasure.Distinct).Sum(f => f.People);
        return new Overlap(kind, perConvention, distinct, pairs);
    }
}
