using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// Attribution of one record to conventions, posted from the panel on the record's page. The
/// record must be in the user's row scope and the conventions readable by them; attributions
/// to conventions they cannot read are left as they are.
/// </summary>
[Authorize(Permissions.ConventionsAttribute)]
public sealed class AttributionController(AppDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpPost]
    public async Task<IActionResult> Enrolment(int id, List<int> conventionIds, CancellationToken ct)
    {
        if (!await db.Enrolments.AnyAsync(e => e.Id == id, ct))
        {
            return NotFound();
        }
        var readable = await db.PartnerConventions.Select(c => c.Id).ToListAsync(ct);
        var wanted = (conventionIds ?? []).Where(readable.Contains).ToHashSet();
        var current = await db.ConventionAttributions
            .Where(a => a.RecordKind == AttributedRecordKind.Enrolment && a.RecordId == id && readable.Contains(a.PartnerConventionId)).ToListAsync(ct);
        db.ConventionAttributions.RemoveRange(current.Where(a => !wanted.Contains(a.PartnerConventionId)));
        db.ConventionAttributions.AddRange(wanted.Where(c => current.All(a => a.PartnerConventionId != c))
            .Select(c => new ConventionAttribution { PartnerConventionId = c, RecordKind = AttributedRecordKind.Enrolment, RecordId = id }));
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Conventions.AttributionSaved"].Value;
        return Redirect($"~/Enrolments/Details/{id}");
    }
}
