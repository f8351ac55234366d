using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Activities;

/// <summary>On the regional manager's home (issue 11): the activities of the region waiting for the committee's decision, oldest first.</summary>
public sealed class AwaitingApprovalViewComponent(AppDbContext db) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var waiting = db.IncomeActivities.AsNoTracking().Where(a => a.Status == ActivityStatus.Proposed);
        var rows = await waiting.OrderBy(a => a.ProposedOn).ThenBy(a => a.Id).Take(Shown)
            .Select(a => new AwaitingRow(a.Id, a.Name, a.City, a.ProposedOn, a.GrantRequested))
            .ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Activities/_AwaitingApproval.cshtml", new AwaitingApprovalViewModel(rows, await waiting.CountAsync(HttpContext.RequestAborted)));
    }
}

public sealed record AwaitingRow(int Id, string Name, string City, DateOnly ProposedOn, decimal GrantRequested);
public sealed record AwaitingApprovalViewModel(IReadOnlyList<AwaitingRow> Rows, int Total);
