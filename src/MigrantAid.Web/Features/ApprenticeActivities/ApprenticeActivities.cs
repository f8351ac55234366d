using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.ApprenticeActivities;

/// <summary>
/// Issue 10: "directors see neither activities nor distributions, except the activities of
/// their own apprentices (status only)". A centre director sees, for the people who are or
/// were apprentices of their centre, the title, sector, status and the dates of the status
/// changes of the income-generating activities they take part in: no money, no business plan,
/// no visit, and none of the other members of a group. The full activity page stays 404 to them.
/// </summary>
public static class ApprenticeActivitiesSetup
{
    public static IServiceCollection AddApprenticeActivitiesFeature(this IServiceCollection services)
    {
        services.AddNavEntry("/Activities/Apprentices", "ApprenticeActivities.Nav", Permissions.ActivitiesApprenticeStatus, 51);
        services.AddRecordPanel<ApprenticeActivitiesPanelViewComponent>(RecordTypes.Enrolment, 20);
        return services;
    }
}

/// <summary>One activity as a director may see it: status only.</summary>
public sealed record ApprenticeActivityRow(int ActivityId, string Name, ActivitySector Sector, int? TradeId, ActivityStatus Status,
    DateOnly ProposedOn, DateOnly? DecidedOn, DateOnly? FirstFundedOn, DateOnly StatusDate, IReadOnlyList<ApprenticeRef> Apprentices);

/// <summary>A member of the activity who is an apprentice of the user's scope (the others are never named).</summary>
public sealed record ApprenticeRef(int MigrantId, int EnrolmentId, string FamilyName, string GivenName);

public static class ApprenticeActivityQuery
{
    public const int PageSize = 25;

    /// <summary>
    /// Activities one of the user's apprentices takes part in, and those apprentices' enrolments
    /// (people with an enrolment past the application at the user's centre; for national roles,
    /// at any centre). Ignoring the scope filter covers a whole query, so the user's scope is
    /// stated here, explicitly: a director's centre, a region's centres; partners, nothing.
    /// </summary>
    private static (IQueryable<IncomeActivity> Activities, IQueryable<Enrolment> Apprenticeships) Scoped(AppDbContext db, AccessScope scope)
    {
        // Scope bypass: the user's own apprenticeships, restricted just below to the user's centre or region.
        var enrolments = db.Enrolments.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => e.Status != EnrolmentStatus.Applied && e.Status != EnrolmentStatus.Declined);
        enrolments = scope.Kind switch
        {
            ScopeKind.National or ScopeKind.System => enrolments,
            ScopeKind.Centre when scope.CentreId is { } c => enrolments.Where(e => e.TrainingCentreId == c),
            ScopeKind.Region when scope.RegionId is { } r => enrolments.Where(e => e.RegionId == r),
            _ => enrolments.Where(e => false),
        };
        var people = enrolments.Select(e => e.MigrantId);
        var activities = db.IncomeActivities.AsNoTracking()
            .Where(a => a.Members.Any(m => people.Contains(m.MigrantId)));
        return (activities, enrolments);
    }

    public static async Task<(IReadOnlyList<ApprenticeActivityRow> Rows, int Total)> PageAsync(AppDbContext db, AccessScope scope, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (query, apprenticeships) = Scoped(db, scope);
        var total = await query.CountAsync(ct);
        var activities = await query.OrderByDescending(a => a.StatusDate).ThenByDescending(a => a.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Select(a => new ApprenticeActivityRow(a.Id, a.Name, a.Sector, a.TradeId, a.Status, a.ProposedOn, a.DecidedOn, a.FirstFundedOn, a.StatusDate, new List<ApprenticeRef>()))
            .ToListAsync(ct);
        if (activities.Count == 0)
        {
            return (activities, total);
        }
        var ids = activities.Select(a => a.ActivityId).ToList();
        // The members of these activities who are the user's apprentices (the others are never read).
        var named = await (
            from m in db.ActivityMembers
            where ids.Contains(m.IncomeActivityId)
            join e in apprenticeships on m.MigrantId equals e.MigrantId
            join p in db.Migrants on e.MigrantId equals p.Id
            select new { m.IncomeActivityId, e.MigrantId, EnrolmentId = e.Id, p.FamilyName, p.GivenName }).ToListAsync(ct);
        return (activities.Select(r => r with
        {
            Apprentices = named.Where(n => n.IncomeActivityId == r.ActivityId)
                .GroupBy(n => n.MigrantId).Select(g => g.OrderByDescending(n => n.EnrolmentId).First())
                .Select(n => new ApprenticeRef(n.MigrantId, n.EnrolmentId, n.FamilyName, n.GivenName))
                .OrderBy(n => n.FamilyName, StringComparer.CurrentCulture).ToList(),
        }).ToList(), total);
    }

    /// <summary>The activities of the person of one enrolment the user sees (none when it is out of scope or only an application).</summary>
    public static async Task<IReadOnlyList<ApprenticeActivityRow>> OfEnrolmentAsync(AppDbContext db, AccessScope scope, int enrolmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The enrolment as the row scope shows it: out of scope, nothing.
        var person = await db.Enrolments.AsNoTracking()
            .Where(e => e.Id == enrolmentId && e.Status != EnrolmentStatus.Applied && e.Status != EnrolmentStatus.Declined)
            .Select(e => (int?)e.MigrantId).SingleOrDefaultAsync(ct);
        if (person is not { } migrantId)
        {
            return [];
        }
        var (query, _) = Scoped(db, scope);
        return await query.Where(a => a.Members.Any(m => m.MigrantId == migrantId))
            .OrderByDescending(a => a.StatusDate).ThenByDescending(a => a.Id)
            .Select(a => new ApprenticeActivityRow(a.Id, a.Name, a.Sector, a.TradeId, a.Status, a.ProposedOn, a.DecidedOn, a.FirstFundedOn, a.StatusDate, new List<ApprenticeRef>()))
            .ToListAsync(ct);
    }
}

[Authorize(Permissions.ActivitiesApprenticeStatus)]
[Route("Activities/Apprentices")]
public sealed class ApprenticeActivitiesController(AppDbContext db, CurrentUser user) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        var (rows, total) = await ApprenticeActivityQuery.PageAsync(db, user.Scope, page, ct);
        var pageCount = Math.Max(1, (total + ApprenticeActivityQuery.PageSize - 1) / ApprenticeActivityQuery.PageSize);
        if (page < 1 || page > pageCount)
        {
            return page < 1 ? RedirectToAction(nameof(Index)) : RedirectToAction(nameof(Index), new { page = pageCount });
        }
        var language = Cultures.Current;
        var trades = (await db.Trades.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Name(language));
        return View("~/Features/ApprenticeActivities/Index.cshtml", new ApprenticeActivitiesViewModel(rows, total,
            new Pager(page, pageCount, p => Url.Action(nameof(Index), new { page = p })!), trades));
    }
}

public sealed record ApprenticeActivitiesViewModel(IReadOnlyList<ApprenticeActivityRow> Rows, int Total, Pager Pager, IReadOnlyDictionary<int, string> Trades);

/// <summary>On an enrolment's page: the activities of the apprentice, status only.</summary>
public sealed class ApprenticeActivitiesPanelViewComponent(AppDbContext db, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int recordId)
    {
        if (!user.Has(Permissions.ActivitiesApprenticeStatus))
        {
            return Content("");
        }
        var rows = await ApprenticeActivityQuery.OfEnrolmentAsync(db, user.Scope, recordId, HttpContext.RequestAborted);
        var language = Cultures.Current;
        var trades = rows.Any(r => r.TradeId is not null)
            ? (await db.Trades.AsNoTracking().ToListAsync(HttpContext.RequestAborted)).ToDictionary(t => t.Id, t => t.Name(language))
            : new Dictionary<int, string>();
        return View("~/Features/ApprenticeActivities/_Panel.cshtml", new ApprenticeActivitiesPanelModel(rows, trades));
    }
}

public sealed record ApprenticeActivitiesPanelModel(IReadOnlyList<ApprenticeActivityRow> Rows, IReadOnlyDictionary<int, string> Trades);
