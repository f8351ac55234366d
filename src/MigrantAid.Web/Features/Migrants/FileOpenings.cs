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
        // A read page does not wait for the database's writer: the entry (time, user, record taken
        // now) is queued and written in a batch (Infrastructure/Auditing/AuditEventWriter).
        await auditTrail.RecordEventAsync(db, auditTrail.Event(AuditAction.Viewed, nameof(Migrant), migrantId.ToString(CultureInfo.InvariantCulture)), ct);
    }
}
