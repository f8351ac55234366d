using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// A merge moves the aid the merged file received to the kept file (and back on undo), so the
/// double-aid warning and the indicators see one person. The row keeps the distribution's
/// region. Where both files are on the same distribution the kept file already holds it: that
/// row stays with the merged file (one recipient per distribution and person).
/// </summary>
public sealed class AidRecipientMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(AidRecipient);

    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(to);
        // Scope bypass: a merge moves all the aid of the merged file, whatever region handed it out.
        var all = db.AidRecipients.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var rows = await all.Where(r => r.MigrantId == fromId && !all.Any(k => k.MigrantId == to.Id && k.AidDistributionId == r.AidDistributionId)).ToListAsync(ct);
        rows.ForEach(r => r.MigrantId = to.Id);
        return rows.Select(r => r.Id).ToList();
    }

    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(to);
        // Scope bypass: undoing a merge restores the aid rows it moved, whatever region handed them out.
        (await db.AidRecipients.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(r => ids.Contains(r.Id)).ToListAsync(ct)).ForEach(r => r.MigrantId = to.Id);
    }
}
