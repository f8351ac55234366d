using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// Income-generating activities on the regional and national dashboards: proposed, approved and
/// funded in the period against the one before, where they all stand today, and survival of the
/// funded ones at 6 and 12 months (operating at the visit closest to that date). Counts in SQL
/// under the viewer's row scope.
/// </summary>
public sealed class ActivitiesDashboardSection(AppDbContext db, IStringLocalizer<SharedResource> l) : IDashboardSection
{
    public int Order => 35;

    public async Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.CentreId is not null || !f.Scope.Has(Permissions.ActivitiesRead))
        {
            return null;
        }
        var activities = db.IncomeActivities.AsNoTracking();
        if (f.RegionId is { } region)
        {
            activities = activities.Where(a => a.RegionId == region);
        }
        async Task<List<double>> FlowAsync(DashboardPeriod p) =>
        [
            await activities.CountAsync(a => a.ProposedOn >= p.From && a.ProposedOn <= p.To, ct),
            await activities.CountAsync(a => a.DecidedOn >= p.From && a.DecidedOn <= p.To && a.Status != ActivityStatus.Rejected, ct),
            await activities.CountAsync(a => a.FirstFundedOn >= p.From && a.FirstFundedOn <= p.To, ct),
        ];
        var flow = new DashboardChart("activities-flow", l["Dashboard.ActivitiesFlow"], ChartKind.Bar,
            [l["ActivityStatus." + ActivityStatus.Proposed], l["ActivityStatus." + ActivityStatus.Approved], l["ActivityStatus." + ActivityStatus.Funded]],
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], await FlowAsync(f.Period)), new(l["Dashboard.PreviousPeriod", f.Previous.Label], await FlowAsync(f.Previous))]);

        var statuses = Enum.GetValues<ActivityStatus>();
        var byStatus = await activities.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var standing = new DashboardChart("activities-status", l["Dashboard.ActivitiesByStatus"], ChartKind.Doughnut,
            statuses.Select(s => (string)l["ActivityStatus." + s]).ToList(),
            [new(l["Dashboard.ActivitiesToday"], statuses.Select(s => (double)byStatus.GetValueOrDefault(s)).ToList())]);

        // Survival of the activities funded long enough ago: operating at the visit closest to 6 (12) months, or not.
        var six = f.Today.AddMonths(-6);
        var twelve = f.Today.AddMonths(-12);
        var funded6 = activities.Where(a => a.FirstFundedOn != null && a.FirstFundedOn <= six);
        var funded12 = activities.Where(a => a.FirstFundedOn != null && a.FirstFundedOn <= twelve);
        var survival = new DashboardChart("activities-survival", l["Dashboard.ActivitiesSurvival"], ChartKind.StackedBar,
            [l["Dashboard.AtSixMonths"], l["Dashboard.AtTwelveMonths"]],
        [
            new(l["Dashboard.Operating"], [await funded6.CountAsync(a => a.OperatingAtSixMonths == true, ct), await funded12.CountAsync(a => a.OperatingAtTwelveMonths == true, ct)]),
            new(l["Dashboard.NotOperating"], [await funded6.CountAsync(a => a.OperatingAtSixMonths == false, ct), await funded12.CountAsync(a => a.OperatingAtTwelveMonths == false, ct)]),
            new(l["Dashboard.NoVisit"], [await funded6.CountAsync(a => a.OperatingAtSixMonths == null, ct), await funded12.CountAsync(a => a.OperatingAtTwelveMonths == null, ct)]),
        ]);
        return new DashboardSectionResult(l["Dashboard.ActivitiesHeading"], [flow, standing, survival]);
    }
}
