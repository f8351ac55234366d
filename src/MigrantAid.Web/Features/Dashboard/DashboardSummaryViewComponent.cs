using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Dashboard;

public sealed record DashboardSummary(bool National, int Followed, int RegisteredThisMonth, int InTraining, int Applications,
    double? AttendanceLastMonth, DateOnly LastMonth, int DropoutsThisYear, int DropoutsForIncome, int OpenNeeds, int AcademicYear);

/// <summary>The regional (or national) dashboard in a few figures, on the managers' home page: counts in SQL, under the viewer's scope.</summary>
public sealed class DashboardSummaryViewComponent(AppDbContext db, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = user.Scope;
        var region = scope.Kind == ScopeKind.Region ? scope.RegionId : null;
        var today = clock.Today();
        var monthStart = new DateTimeOffset(new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc));
        var (dueYear, dueMonth) = RiskList.MonthDue(today);
        var year = AcademicYear.Of(today);
        var yearStart = AcademicYear.FirstDay(year);

        var people = db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null);
        var needs = db.Needs.AsNoTracking();
        var enrolments = db.Enrolments.AsNoTracking();
        var attendance = db.MonthlyAttendance.AsNoTracking();
        if (region is { } r)
        {
            people = people.Where(m => m.RegionId == r);
            needs = needs.Where(n => n.RegionId == r);
            enrolments = enrolments.Where(e => e.RegionId == r);
            attendance = attendance.Where(a => a.RegionId == r);
        }
        var readsPeople = scope.Has(Permissions.MigrantsRead);
        var month = await attendance.Where(a => a.Year == dueYear && a.Month == dueMonth)
            .GroupBy(a => 1).Select(g => new { Expected = g.Sum(a => a.CentreDaysExpected + a.HostDaysExpected), Present = g.Sum(a => a.CentreDaysPresent + a.HostDaysPresent) })
            .FirstOrDefaultAsync(ct);
        var dropped = enrolments.Where(e => e.DroppedOutOn >= yearStart);
        var model = new DashboardSummary(
            scope.IsNational,
            readsPeople ? await people.CountAsync(ct) : 0,
            readsPeople ? await people.CountAsync(m => m.CreatedAt >= monthStart, ct) : 0,
            await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended, ct),
            await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Applied, ct),
            month is null || month.Expected == 0 ? null : DashboardMath.Rate(month.Present, month.Expected),
            new DateOnly(dueYear, dueMonth, 1),
            await dropped.CountAsync(ct),
            await dropped.CountAsync(e => e.DropoutReason == DropoutReason.NeedsIncomeBegging || e.DropoutReason == DropoutReason.NeedsIncomeInformalWork, ct),
            readsPeople ? await needs.CountAsync(n => n.Status == NeedStatus.Open || n.Status == NeedStatus.Referred, ct) : 0,
            year);
        return View("~/Features/Dashboard/_Summary.cshtml", model);
    }
}
