using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>Merging two files of one person (RegionalManager, Administrator) and undoing it (Administrator).</summary>
[Authorize(Permissions.MigrantsMerge)]
[Route("Migrants")]
public sealed class MigrantMergeController(AppDbContext db, CurrentUser user, MigrantMerger merger, IStringLocalizer<SharedResource> l) : Controller
{
    private const string View_ = "~/Features/Migrants/Merge.cshtml";

    [HttpGet("Merge/{id:int}")]
    public async Task<IActionResult> Merge(int id, CancellationToken ct) =>
        await KeptAsync(id, ct) is { } kept ? View(View_, new MergePage(kept.Id, kept.FileNumber, $"{kept.FamilyName} {kept.GivenName}", null)) : NotFound();

    [HttpPost("Merge/{id:int}")]
    public async Task<IActionResult> Merge(int id, string? otherFileNumber, CancellationToken ct)
    {
        if (await KeptAsync(id, ct) is not { } kept)
        {
            return NotFound();
        }
        var number = otherFileNumber?.Trim().ToUpperInvariant();
        var merged = number is null ? null : await db.Migrants.SingleOrDefaultAsync(m => m.FileNumber == number && m.MergedIntoId == null && m.Id != kept.Id, ct);
        if (merged is null || !MigrantAccess.MayWriteInRegion(user, merged.RegionId))
        {
            ModelState.AddModelError(nameof(otherFileNumber), l["Merge.FileUnknown"]);
            return View(View_, new MergePage(kept.Id, kept.FileNumber, $"{kept.FamilyName} {kept.GivenName}", otherFileNumber));
        }
        await merger.MergeAsync(kept, merged, ct);
        TempData["Success"] = l["Merge.Done", merged.FileNumber, kept.FileNumber].Value;
        return Redirect($"~/Migrants/Details/{kept.Id}");
    }

    [HttpPost("Unmerge/{mergeId:int}"), Authorize(Permissions.MigrantsUnmerge)]
    public async Task<IActionResult> Unmerge(int mergeId, CancellationToken ct)
    {
        var merge = await db.MigrantMerges.SingleOrDefaultAsync(m => m.Id == mergeId && m.ReversedAt == null, ct);
        var merged = merge is null ? null : await db.Migrants.SingleOrDefaultAsync(m => m.Id == merge.MergedId, ct);
        if (merge is null || merged is null)
        {
            return NotFound();
        }
        await merger.UndoAsync(merge, merged, user.Id, ct);
        TempData["Success"] = l["Merge.Undone", merged.FileNumber].Value;
        return Redirect($"~/Migrants/Details/{merged.Id}");
    }

    private async Task<Migrant?> KeptAsync(int id, CancellationToken ct)
    {
        var kept = await db.Migrants.SingleOrDefaultAsync(m => m.Id == id && m.MergedIntoId == null, ct);
        return kept is not null && MigrantAccess.MayWriteInRegion(user, kept.RegionId) ? kept : null;
    }
}

public sealed record MergePage(int Id, string FileNumber, string Name, string? OtherFileNumber);
