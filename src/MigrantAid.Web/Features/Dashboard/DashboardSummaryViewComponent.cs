using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Dashboard;

public sealed record DashboardSummary(bool National, long Followed, long RegisteredThisMonth, long InTraining, long Applications,
    double? AttendanceLastMonth, DateOnly LastMonth, long DropoutsThisYear, long DropoutsForIncome, long OpenNeeds, int AcademicYear,
    DateTimeOffset? AsOf = null);

/// <summary>The regional (or national) dashboard in a few figures, on the managers' home page: read from the summary rows, under the viewer's scope.</summary>
public sealed class DashboardSummaryViewComponent(DashboardFigures figures, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = user.Scope;
        var region = scope.Kind == ScopeKind.Region ? scope.RegionId : null;
        var today = clock.Today();
        var (dueYear, dueMonth) = RiskList.MonthDue(today);
        var year = AcademicYear.Of(today);
        var yearStart = AcademicYear.FirstDay(year);
        var asOf = await figures.AsOfAsync(ct);
        if (asOf is null)
        {
            return View("~/Features/Dashboard/_Summary.cshtml", new DashboardSummary(scope.IsNational, 0, 0, 0, 0, null, new DateOnly(dueYear, dueMonth, 1), 0, 0, 0, year));
        }
        var readsPeople = scope.Has(Permissions.MigrantsRead);
        var thisMonth = Measures.Month(today);
        var dueIndex = (dueYear * 12) + dueMonth;
        var people = readsPeople ? await figures.ByMonthAsync(Measures.PeopleStatus, region, 0, int.MaxValue, ct) : [];
        var now = await figures.ByKeyAsync(Measures.EnrolmentsNow, region, 0, 0, ct);
        var attendance = await figures.AttendanceAsync(region, dueIndex, dueIndex, ct);
        var dropped = await figures.ByKeyAsync(Measures.Dropped, region, Measures.Month(yearStart), int.MaxValue, ct);
        var needs = readsPeople ? await figures.ByKeysAsync(Measures.NeedsOpened, region, 0, int.MaxValue, ct) : [];
        var model = new DashboardSummary(
            scope.IsNational,
            people.Values.Sum(),
            people.GetValueOrDefault(thisMonth),
            now.GetValueOrDefault((int)EnrolmentStatus.Active) + now.GetValueOrDefault((int)EnrolmentStatus.Suspended),
            now.GetValueOrDefault((int)EnrolmentStatus.Applied),
            attendance.TryGetValue(dueIndex, out var a) && a.Expected > 0 ? DashboardMath.Rate(a.Present, a.Expected) : null,
            new DateOnly(dueYear, dueMonth, 1),
            dropped.Values.Sum(),
            dropped.GetValueOrDefault((int)DropoutReason.NeedsIncomeBegging) + dropped.GetValueOrDefault((int)DropoutReason.NeedsIncomeInformalWork),
            needs.Where(x => x.Key.Item2 is (int)NeedStatus.Open or (int)NeedStatus.Referred).Sum(x => x.Value),
            year,
            asOf.RefreshedAt);
        return View("~/Features/Dashboard/_Summary.cshtml", model);
    }
}
