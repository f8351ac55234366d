using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// A kind of record linked to a migrant that moves to the kept file when two files are
/// merged, and back when the merge is undone. Features register theirs in DI
/// (<c>services.AddScoped&lt;IMigrantMergeParticipant, EnrolmentMergeParticipant&gt;()</c>).
/// </summary>
public interface IMigrantMergeParticipant
{
    /// <summary>A stable name for the records (stored with the merge).</summary>
    string RecordType { get; }
    /// <summary>Moves the records of <paramref name="fromId"/> onto <paramref name="to"/>; returns the ids moved.</summary>
    Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct);
    /// <summary>Moves the given records back to <paramref name="to"/>.</summary>
    Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct);
}

public sealed class CaseNoteMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(CaseNote);
    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        var rows = await db.CaseNotes.Where(n => n.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
        return rows.Select(n => n.Id).ToList();
    }
    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        (await db.CaseNotes.Where(n => ids.Contains(n.Id)).ToListAsync(ct)).ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
}

public sealed class NeedMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(Need);
    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        var rows = await db.Needs.Where(n => n.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
        return rows.Select(n => n.Id).ToList();
    }
    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        (await db.Needs.Where(n => ids.Contains(n.Id)).ToListAsync(ct)).ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
}

public sealed class HouseholdMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => nameof(HouseholdMember);
    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        var rows = await db.HouseholdMembers.Where(n => n.MigrantId == fromId).ToListAsync(ct);
        rows.ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
        return rows.Select(n => n.Id).ToList();
    }
    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        (await db.HouseholdMembers.Where(n => ids.Contains(n.Id)).ToListAsync(ct)).ForEach(n => { n.MigrantId = to.Id; n.RegionId = to.RegionId; });
}

/// <summary>Links from other households to the merged person follow them to the kept file.</summary>
public sealed class HouseholdLinkMergeParticipant(AppDbContext db) : IMigrantMergeParticipant
{
    public string RecordType => "HouseholdMember.Related";
    public async Task<IReadOnlyList<int>> MoveAsync(int fromId, Migrant to, CancellationToken ct)
    {
        // Scope bypass: household links from files of other regions follow the merged file.
        var rows = await db.HouseholdMembers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(n => n.RelatedMigrantId == fromId).ToListAsync(ct);
        rows.ForEach(n => n.RelatedMigrantId = to.Id);
        return rows.Select(n => n.Id).ToList();
    }
    public async Task RestoreAsync(IReadOnlyList<int> ids, Migrant to, CancellationToken ct) =>
        // Scope bypass: undoing a merge restores the household links it moved.
        (await db.HouseholdMembers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(n => ids.Contains(n.Id)).ToListAsync(ct)).ForEach(n => n.RelatedMigrantId = to.Id);
}

/// <summary>Merges two files of the same person and undoes a merge, in one transaction each (one SaveChanges, audited).</summary>
public sealed class MigrantMerger(AppDbContext db, IEnumerable<IMigrantMergeParticipant> participants, TimeProvider clock)
{
    public async Task<MigrantMerge> MergeAsync(Migrant kept, Migrant merged, CancellationToken ct)
    {
        var moved = new Dictionary<string, IReadOnlyList<int>>();
        foreach (var p in participants)
        {
            moved[p.RecordType] = await p.MoveAsync(merged.Id, kept, ct);
        }
        merged.MergedIntoId = kept.Id;
        var merge = new MigrantMerge { KeptId = kept.Id, MergedId = merged.Id, RegionId = kept.RegionId, MovedRecords = JsonSerializer.Serialize(moved) };
        db.MigrantMerges.Add(merge);
        await db.SaveChangesAsync(ct);
        return merge;
    }

    public async Task UndoAsync(MigrantMerge merge, Migrant merged, string? userId, CancellationToken ct)
    {
        var moved = JsonSerializer.Deserialize<Dictionary<string, List<int>>>(merge.MovedRecords) ?? [];
        foreach (var p in participants)
        {
            if (moved.TryGetValue(p.RecordType, out var ids) && ids.Count > 0)
            {
                await p.RestoreAsync(ids, merged, ct);
            }
        }
        merged.MergedIntoId = null;
        merge.ReversedAt = clock.GetUtcNow();
        merge.ReversedBy = userId;
        await db.SaveChangesAsync(ct);
    }
}
