using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>On an enrolment's page: the conventions it is attributed to, and a small form to change them.</summary>
public sealed class EnrolmentAttributionViewComponent(AppDbContext db, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int recordId)
    {
        if (!user.Has(Permissions.ConventionsRead) && !user.Has(Permissions.ConventionsAttribute))
        {
            return Content("");
        }
        var attributed = await db.ConventionAttributions
            .Where(a => a.RecordKind == AttributedRecordKind.Enrolment && a.RecordId == recordId).Select(a => a.PartnerConventionId).ToListAsync();
        var conventions = await db.PartnerConventions.AsNoTracking()
            .Where(c => attributed.Contains(c.Id) || !PartnerConvention.Ended.Contains(c.Status))
            .OrderBy(c => c.Reference).Select(c => new AttributionOption(c.Id, c.Reference, c.Title, attributed.Contains(c.Id))).ToListAsync();
        return View("~/Features/Conventions/_EnrolmentAttribution.cshtml",
            new EnrolmentAttributionViewModel(recordId, conventions, user.Has(Permissions.ConventionsAttribute)));
    }
}

public sealed record AttributionOption(int Id, string Reference, string Title, bool Attributed);

public sealed record EnrolmentAttributionViewModel(int EnrolmentId, IReadOnlyList<AttributionOption> Conventions, bool CanAttribute);

/// <summary>One convention's progress this year: its indicators' actuals against targets (numbers only).</summary>
public sealed record ConventionProgress(ConventionSummary Convention, ReportPeriod Period, IReadOnlyList<ReportRow> Rows, bool EndingSoon, bool Behind);

/// <summary>
/// The home page of a partner's liaison (their conventions' progress) and of national roles
/// (the conventions that need attention: ending within three months, or an indicator behind its
/// target for the time elapsed).
/// </summary>
public sealed class ConventionsHomeViewComponent(AppDbContext db, ConventionReports reports, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public const int EndingSoonDays = 90;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var partner = user.Scope.Kind == ScopeKind.Partner;
        if (!(partner ? user.Has(Permissions.ConventionsReadAggregates) : user.Scope.IsNational && user.Has(Permissions.ConventionsRead)))
        {
            return Content("");
        }
        var today = clock.Today();
        var ids = await db.PartnerConventions.AsNoTracking()
            .Where(c => partner ? !PartnerConvention.Ended.Contains(c.Status) || c.Status == ConventionStatus.Closed
                : c.Status == ConventionStatus.InForce || c.Status == ConventionStatus.Signed || c.Status == ConventionStatus.Suspended)
            .OrderBy(c => c.Reference).Select(c => c.Id).Take(20).ToListAsync();
        var items = new List<ConventionProgress>();
        foreach (var id in ids)
        {
            var summary = (await reports.SummaryAsync(id, HttpContext.RequestAborted))!;
            var period = new ReportPeriod(summary.Years(today)[^1], null);
            var report = await reports.BuildAsync(summary, period, HttpContext.RequestAborted, live: true);
            var endingSoon = summary.EndDate is { } end && end >= today && end.DayNumber - today.DayNumber <= EndingSoonDays;
            // Behind: under 80 % of the share of the year's target that the time elapsed calls for.
            var elapsed = period.Year == today.Year ? (decimal)(today.DayOfYear) / (DateTime.IsLeapYear(today.Year) ? 366 : 365) : 1m;
            var behind = summary.Status == ConventionStatus.InForce && report.Rows.Any(r => r.Target is > 0 && r.Kind != IndicatorKind.Dropouts
                && !r.Actual.TotalSuppressed && r.Actual.Total < 0.8m * elapsed * r.Target.Value);
            items.Add(new ConventionProgress(summary, period, report.Rows, endingSoon, behind));
        }
        if (!partner)
        {
            items = items.Where(i => i.EndingSoon || i.Behind).ToList();
        }
        return View("~/Features/Conventions/_ConventionsHome.cshtml", new ConventionsHomeViewModel(partner, items));
    }
}

public sealed record ConventionsHomeViewModel(bool Partner, IReadOnlyList<ConventionProgress> Items);
