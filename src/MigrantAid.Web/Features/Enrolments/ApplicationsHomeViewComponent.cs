using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>On a director's home page: the applications proposed by social workers, waiting for their decision.</summary>
public sealed class ApplicationsHomeViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var query = ApplicationsQuery.Waiting(db);
        var total = await query.CountAsync(ct);
        var rows = await ApplicationsQuery.RowsAsync(db, query.Take(Shown), ct);
        var language = Cultures.Current;
        var names = new ReferenceNames(
            (await db.Trades.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Name(language)),
            (await db.DiplomaTracks.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Name(language)));
        return View("~/Features/Enrolments/_ApplicationsHome.cshtml", new ApplicationsViewModel(rows, 1, total, Shown, names, clock.Today()));
    }
}
