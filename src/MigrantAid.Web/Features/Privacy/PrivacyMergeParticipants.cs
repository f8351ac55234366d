using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>When two files of one person are merged, their consents follow to the kept file (and back on undo).</summary>
public sealed class ConsentMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(Consent);

    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        var rows = await db.Consents.Where(c => c.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(c => { c.MigrantId = to.Id; c.RegionId = to.RegionId; });
        return rows.Select(c => c.Id).ToList();
    }

    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        (await db.Consents.Where(c => ids.Contains(c.Id)).ToListAsync(ct)).ForEach(c => { c.MigrantId = to.Id; c.RegionId = to.RegionId; });
}

/// <summary>The person's requests follow their file on a merge, so a deadline is never lost on a stub.</summary>
public sealed class PrivacyRequestMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(PrivacyRequest);

    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        var rows = await db.PrivacyRequests.Where(r => r.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(r => { r.MigrantId = to.Id; r.RegionId = to.RegionId; });
        return rows.Select(r => r.Id).ToList();
    }

    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        (await db.PrivacyRequests.Where(r => ids.Contains(r.Id)).ToListAsync(ct)).ForEach(r => { r.MigrantId = to.Id; r.RegionId = to.RegionId; });
}
