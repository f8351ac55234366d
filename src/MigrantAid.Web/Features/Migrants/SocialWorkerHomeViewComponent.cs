using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

public sealed record RecentFile(int Id, string FileNumber, string FamilyName, string GivenName, DateTimeOffset CreatedAt);
public sealed record OpenNeedRow(int MigrantId, string FileNumber, NeedKind Kind, NeedStatus Status, DateOnly OpenedOn);
public sealed record CentreAlert(int MigrantId, string FileNumber, string FamilyName, string GivenName, string Centre, DropoutReason? Reason, DateOnly? On);

public sealed record SocialWorkerHomeModel(int RegionId, IReadOnlyList<RecentFile> MyFiles, int OpenNeeds, IReadOnlyList<OpenNeedRow> OldestNeeds,
    int CardsExpiring, IReadOnlyList<CentreAlert> IncomeDropouts, int AtRisk);

/// <summary>
/// The social worker's home: search and register first, then the day's work in their region —
/// their recent files, needs and referrals still open, residence cards expiring within 60
/// days, and the centres' alerts (an apprentice at risk, or who left to earn a living).
/// </summary>
public sealed class SocialWorkerHomeViewComponent(AppDbContext db, CurrentUser user, TimeProvider clock, RiskList risks) : ViewComponent
{
    public const int AlertDays = 60;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (user.Scope.Kind != ScopeKind.Region || user.RegionId is not { } region)
        {
            return Content("");
        }
        var ct = HttpContext.RequestAborted;
        var today = clock.Today();
        var me = user.Id;
        var myFiles = await db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null && m.RegisteredById == me)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(5)
            .Select(m => new RecentFile(m.Id, m.FileNumber, m.FamilyName, m.GivenName, m.CreatedAt)).ToListAsync(ct);
        var open = db.Needs.AsNoTracking().Where(n => n.RegionId == region && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Referred));
        var oldest = await open.OrderBy(n => n.OpenedOn).ThenBy(n => n.Id).Take(5)
            .Select(n => new OpenNeedRow(n.MigrantId, n.Migrant!.FileNumber, n.Kind, n.Status, n.OpenedOn)).ToListAsync(ct);
        var limit = today.AddDays(ExpiringController.WindowDays);
        var expiring = await db.Migrants.AsNoTracking().CountAsync(m => m.MergedIntoId == null && m.RegionId == region
            && m.AdministrativeStatus == AdministrativeStatus.Regularised && m.ResidenceCardExpiry != null && m.ResidenceCardExpiry <= limit, ct);
        var since = today.AddDays(-AlertDays);
        var dropouts = await db.Enrolments.AsNoTracking()
            .Where(e => e.RegionId == region && e.DroppedOutOn >= since
                && (e.DropoutReason == DropoutReason.NeedsIncomeBegging || e.DropoutReason == DropoutReason.NeedsIncomeInformalWork))
            .OrderByDescending(e => e.DroppedOutOn).Take(10)
            .Select(e => new CentreAlert(e.MigrantId, e.Migrant!.FileNumber, e.Migrant.FamilyName, e.Migrant.GivenName, e.TrainingCentre!.Name, e.DropoutReason, e.DroppedOutOn))
            .ToListAsync(ct);
        var atRisk = (await risks.ForAsync(null, region, ct)).Count;
        return View("~/Features/Migrants/_SocialWorkerHome.cshtml",
            new SocialWorkerHomeModel(region, myFiles, await open.CountAsync(ct), oldest, expiring, dropouts, atRisk));
    }
}
