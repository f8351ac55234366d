using System.Globalization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// Every page that shows a person's file — the case file, its print, its edit form, the
/// apprentice's enrolment page — records the opening: who looked at whose file, when.
/// One entry type for all of them, so the trail of a file lists every way it was read.
/// </summary>
public static class FileOpenings
{
    public static async Task RecordAsync(AppDbContext db, AuditTrail auditTrail, int migrantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(auditTrail);
        db.AuditEntries.Add(auditTrail.Event(AuditAction.Viewed, nameof(Migrant), migrantId.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
    }
}
