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
/// target for the time elapsed). The actuals come from the stored snapshot rebuilt with the
/// dashboard figures (<see cref="ConventionFiguresSnapshot"/>), with the time it was computed.
/// </summary>
public sealed class ConventionsHomeViewComponent(AppDbContext db, ConventionFigures figures, ConventionReports reports, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public const int EndingSoonDays = 90;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var partner = user.Scope.Kind == ScopeKind.Partner;
        if (!(partner ? user.Has(Permissions.ConventionsReadAggregates) : user.Scope.IsNational && user.Has(Permissions.ConventionsRead)))
        {
            return Content("");
        }
        var ct = HttpContext.RequestAborted;
        var today = clock.Today();
        var conventions = (await db.PartnerConventions.AsNoTracking()
            .Where(c => partner ? !PartnerConvention.Ended.Contains(c.Status) || c.Status == ConventionStatus.Closed
                : c.Status == ConventionStatus.InForce || c.Status == ConventionStatus.Signed || c.Status == ConventionStatus.Suspended)
            .OrderBy(c => c.Reference).Take(20)
            .Include(x => x.Partners).ThenInclude(p => p.Partner).Include(x => x.Regions).ThenInclude(r => r.Region)
            .AsSplitQuery().ToListAsync(ct)).Select(ConventionReports.ToSummary).ToList();
        var ids = conventions.Select(c => c.Id).ToList();
        var asOf = await figures.AsOfAsync(ct);
        var indicators = asOf is null ? [] : await db.ConventionIndicators.AsNoTracking().Where(i => ids.Contains(i.PartnerConventionId))
            .Include(i => i.Targets).OrderBy(i => i.Code).ToListAsync(ct);
        var actuals = asOf is null ? [] : await figures.ActualsAsync(ids, conventions.Select(c => c.Years(today)[^1]).ToList(), ct);
        var items = new List<ConventionProgress>();
        foreach (var summary in conventions)
        {
            var period = new ReportPeriod(summary.Years(today)[^1], null);
            var rows = indicators.Where(i => i.PartnerConventionId == summary.Id).Select(i =>
            {
                var kind = (IndicatorKind)i.Kind;
                var f = actuals.GetValueOrDefault((summary.Id, kind, period.Year));
                var actual = new IndicatorActual(kind, f?.Total ?? 0, reports.Suppress && !IndicatorCalculator.IsQuantity(kind) && SmallCells.Hides(f?.Total ?? 0),
                    f?.People ?? 0, f?.HeadCount ?? 0, []);
                return new ReportRow(i.Id, i.Code, i.TitleFr, i.TitleAr, i.TitleEn, i.Unit, kind, i.Baseline, i.BaselineYear, ConventionReports.TargetFor(i, period), actual);
            }).ToList();
            var endingSoon = summary.EndDate is { } end && end >= today && end.DayNumber - today.DayNumber <= EndingSoonDays;
            // Behind: under 80 % of the share of the year's target that the time elapsed calls for.
            var elapsed = period.Year == today.Year ? (decimal)(today.DayOfYear) / (DateTime.IsLeapYear(today.Year) ? 366 : 365) : 1m;
            var behind = summary.Status == ConventionStatus.InForce && rows.Any(r => r.Target is > 0 && r.Kind != IndicatorKind.Dropouts
                && !r.Actual.TotalSuppressed && r.Actual.Total < 0.8m * elapsed * r.Target.Value);
            items.Add(new ConventionProgress(summary, period, rows, endingSoon, behind));
        }
        if (!partner)
        {
            items = items.Where(i => i.EndingSoon || i.Behind).ToList();
        }
        return View("~/Features/Conventions/_ConventionsHome.cshtml", new ConventionsHomeViewModel(partner, items, asOf?.RefreshedAt));
    }
}

/// <summary>The home widget: <see cref="AsOf"/> is when the indicators were computed (null: not yet, the figures are pending).</summary>
public sealed record ConventionsHomeViewModel(bool Partner, IReadOnlyList<ConventionProgress> Items, DateTimeOffset? AsOf);
