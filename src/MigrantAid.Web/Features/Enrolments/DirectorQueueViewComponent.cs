using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Enrolments;

public sealed record QueueRow(int EnrolmentId, string FileNumber, string FamilyName, string GivenName, string Trade, DateOnly Since);

public sealed record DirectorQueueModel(IReadOnlyList<QueueRow> Applications, int ApplicationCount, IReadOnlyList<QueueRow> WithoutPlacement, int WithoutPlacementCount);

/// <summary>A director's queue on the home page: applications to accept, and apprentices of an alternating track with no host yet.</summary>
public sealed class DirectorQueueViewComponent(AppDbContext db, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (user.Scope.Kind != ScopeKind.Centre || user.CentreId is not { } centreId)
        {
            return Content("");
        }
        var ct = HttpContext.RequestAborted;
        var today = clock.Today();
        var language = Cultures.Current;
        var trades = (await db.Trades.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Name(language));
        var applications = db.Enrolments.AsNoTracking().Where(e => e.TrainingCentreId == centreId && e.Status == EnrolmentStatus.Applied);
        var unplaced = db.Enrolments.AsNoTracking().Where(e => e.TrainingCentreId == centreId
            && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended) && e.DiplomaTrack!.AlternatingTraining
            && !e.Placements.Any(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)));
        async Task<List<QueueRow>> RowsAsync(IQueryable<Enrolment> q) =>
            (await q.OrderBy(e => e.StatusDate).ThenBy(e => e.Id).Take(10)
                .Select(e => new { e.Id, e.Migrant!.FileNumber, e.Migrant.FamilyName, e.Migrant.GivenName, e.TradeId, e.StatusDate }).ToListAsync(ct))
            .Select(e => new QueueRow(e.Id, e.FileNumber, e.FamilyName, e.GivenName, trades.GetValueOrDefault(e.TradeId, ""), e.StatusDate)).ToList();
        return View("~/Features/Enrolments/_DirectorQueue.cshtml",
            new DirectorQueueModel(await RowsAsync(applications), await applications.CountAsync(ct), await RowsAsync(unplaced), await unplaced.CountAsync(ct)));
    }
}
