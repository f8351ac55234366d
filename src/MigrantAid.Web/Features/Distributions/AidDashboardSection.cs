using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// Aid on the regional and national dashboards: distributions by kind in the period against
/// the one before, and the people reached each month (registered on the list, and the
/// head-counts of people not registered). Counts in SQL under the viewer's row scope.
/// </summary>
public sealed class AidDashboardSection(AppDbContext db, IStringLocalizer<SharedResource> l) : IDashboardSection
{
    public int Order => 30;

    public async Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.CentreId is not null || !f.Scope.Has(Permissions.AidRead))
        {
            return null;
        }
        var distributions = db.AidDistributions.AsNoTracking();
        if (f.RegionId is { } region)
        {
            distributions = distributions.Where(d => d.RegionId == region);
        }
        var kinds = Enum.GetValues<AidKind>();
        async Task<Dictionary<AidKind, int>> ByKindAsync(DashboardPeriod p) =>
            await distributions.Where(d => d.Date >= p.From && d.Date <= p.To).GroupBy(d => d.Kind)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var now = await ByKindAsync(f.Period);
        var before = await ByKindAsync(f.Previous);
        var byKind = new DashboardChart("aid-kinds", l["Dashboard.AidByKind"], ChartKind.Bar, kinds.Select(k => (string)l["AidKind." + k]).ToList(),
        [
            new(l["Dashboard.CurrentPeriod", f.Period.Label], kinds.Select(k => (double)now.GetValueOrDefault(k)).ToList()),
            new(l["Dashboard.PreviousPeriod", f.Previous.Label], kinds.Select(k => (double)before.GetValueOrDefault(k)).ToList()),
        ]);

        var (from, to) = (f.Period.From, f.Period.To);
        var unregistered = await distributions.Where(d => d.Date >= from && d.Date <= to)
            .GroupBy(d => new { d.Date.Year, d.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Sum(d => d.UnregisteredGirls + d.UnregisteredBoys + d.UnregisteredWomen + d.UnregisteredMen) })
            .ToListAsync(ct);
        var recipients = db.AidRecipients.AsNoTracking();
        if (f.RegionId is { } r)
        {
            recipients = recipients.Where(x => x.RegionId == r);
        }
        var registered = await recipients.Where(x => x.Distribution!.Date >= from && x.Distribution.Date <= to)
            .GroupBy(x => new { x.Distribution!.Date.Year, x.Distribution.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        int Of(DateOnly m, bool reg) => reg
            ? registered.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count)
            : unregistered.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count);
        var reached = new DashboardChart("aid-reached", l["Dashboard.AidReached", f.Period.Label], ChartKind.StackedBar,
            f.Period.Months.Select(DashboardMath.MonthLabel).ToList(),
        [
            new(l["Dashboard.AidRegistered"], f.Period.Months.Select(m => (double)Of(m, true)).ToList(), f.MonthsBegun(f.Period)),
            new(l["Dashboard.AidUnregistered"], f.Period.Months.Select(m => (double)Of(m, false)).ToList(), f.MonthsBegun(f.Period)),
        ]);

        // People reached in the whole period against the period before (registered, and head-counts of the others).
        async Task<List<double>> ReachedAsync(DashboardPeriod p) =>
        [
            await recipients.CountAsync(x => x.Distribution!.Date >= p.From && x.Distribution.Date <= p.To, ct),
            await distributions.Where(d => d.Date >= p.From && d.Date <= p.To)
                .SumAsync(d => d.UnregisteredGirls + d.UnregisteredBoys + d.UnregisteredWomen + d.UnregisteredMen, ct),
        ];
        var compared = new DashboardChart("aid-reached-compare", l["Dashboard.AidReachedCompared"], ChartKind.Bar,
            [l["Dashboard.AidRegistered"], l["Dashboard.AidUnregistered"]],
        [
            new(l["Dashboard.CurrentPeriod", f.Period.Label], await ReachedAsync(f.Period)),
            new(l["Dashboard.PreviousPeriod", f.Previous.Label], await ReachedAsync(f.Previous)),
        ]);
        return new DashboardSectionResult(l["Dashboard.AidHeading"], [byKind, reached, compared]);
    }
}
