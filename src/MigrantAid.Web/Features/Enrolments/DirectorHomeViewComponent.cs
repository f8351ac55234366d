using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>
/// What a centre director opens every morning, on the home page: apprentices by trade and
/// status, the month's attendance still to enter, the dropout risk list and follow-ups due.
/// </summary>
public sealed class DirectorHomeViewComponent(AppDbContext db, CurrentUser user, TimeProvider clock, RiskList risks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (user.Scope.Kind != ScopeKind.Centre || user.CentreId is not { } centreId)
        {
            return Content("");
        }
        var today = clock.Today();
        var thisYear = AcademicYear.Of(today);
        var (dueYear, dueMonth) = RiskList.MonthDue(today);
        var dueEnd = new DateOnly(dueYear, dueMonth, 1).AddMonths(1).AddDays(-1);
        var language = Cultures.Current;
        var trades = (await db.Trades.AsNoTracking().ToListAsync()).ToDictionary(t => t.Id, t => t.Name(language));
        var tracks = (await db.DiplomaTracks.AsNoTracking().ToListAsync()).ToDictionary(t => t.Id, t => t.Name(language));
        var names = new ReferenceNames(trades, tracks);

        var byTradeAndStatus = await db.Enrolments.AsNoTracking()
            .Where(e => e.TrainingCentreId == centreId && (e.AcademicYear == thisYear || Enrolment.OpenStatuses.Contains(e.Status)))
            .GroupBy(e => new { e.TradeId, e.Status })
            .Select(g => new { g.Key.TradeId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var missing = await db.Enrolments.AsNoTracking()
            .CountAsync(e => e.TrainingCentreId == centreId && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended)
                && e.StartDate <= dueEnd && !e.Attendance.Any(a => a.Year == dueYear && a.Month == dueMonth));
        var model = new DirectorHomeViewModel(centreId, thisYear, dueYear, dueMonth, missing,
            byTradeAndStatus.GroupBy(x => x.TradeId)
                .Select(g => new TradeStatusRow(names.Trade(g.Key), g.ToDictionary(x => x.Status, x => x.Count)))
                .OrderBy(r => r.Trade, StringComparer.CurrentCulture).ToList(),
            new RiskViewModel(centreId, null, null, risks.Threshold, await risks.ForAsync(centreId, null, HttpContext.RequestAborted), names),
            new FollowUpViewModel(centreId, await FollowUpQuery.DueAsync(db, centreId, today, HttpContext.RequestAborted), names));
        return View("~/Features/Enrolments/_DirectorHome.cshtml", model);
    }
}

public sealed record TradeStatusRow(string Trade, IReadOnlyDictionary<EnrolmentStatus, int> Counts);

public sealed record DirectorHomeViewModel(int CentreId, int AcademicYear, int DueYear, int DueMonth, int AttendanceMissing,
    IReadOnlyList<TradeStatusRow> ByTrade, RiskViewModel Risks, FollowUpViewModel FollowUps);
