using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// A merge moves the merged file's part in income-generating activities to the kept file (and
/// back on undo). The row keeps the activity's region. Where both files are members of the same
/// activity the kept file already is: that row stays with the merged file.
/// </summary>
public sealed class ActivityMemberMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(ActivityMember);

    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(to);
        // Scope bypass: a merge moves every activity membership of the merged file, whatever region runs the activity.
        var all = db.ActivityMembers.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var rows = await all.Where(m => m.MigrantId == fromId && !all.Any(k => k.MigrantId == to.Id && k.IncomeActivityId == m.IncomeActivityId)).ToListAsync(ct);
        rows.ForEach(m => m.MigrantId = to.Id);
        return rows.Select(m => m.Id).ToList();
    }

    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(to);
        // Scope bypass: undoing a merge restores the memberships it moved, whatever region runs the activity.
        (await db.ActivityMembers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => ids.Contains(m.Id)).ToListAsync(ct)).ForEach(m => m.MigrantId = to.Id);
    }
}
