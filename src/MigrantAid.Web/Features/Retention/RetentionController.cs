using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Retention;

/// <summary>The retention policy in force and the report of each run, newest first (read-only: runs are started by the schedule or the command line).</summary>
[Authorize(Permissions.PrivacyManage), Route("Retention")]
public sealed class RetentionController(AppDbContext db, IOptions<RetentionOptions> options) : Controller
{
    public const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(int? before, CancellationToken ct)
    {
        var query = db.RetentionRuns.AsNoTracking();
        if (before is { } b)
        {
            query = query.Where(r => r.Id < b);
        }
        var runs = await query.OrderByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        var more = runs.Count > PageSize;
        runs = runs.Take(PageSize).ToList();
        var lease = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == RetentionJob.LeaseName, ct);
        return View(new RetentionPage(options.Value, runs.Select(r => (r, RetentionJob.Lines(r))).ToList(), more ? runs[^1].Id : null, lease));
    }
}

public sealed record RetentionPage(RetentionOptions Policy, IReadOnlyList<(RetentionRun Run, IReadOnlyList<RetentionLine> Lines)> Runs,
    int? NextBefore, JobLease? Lease);
