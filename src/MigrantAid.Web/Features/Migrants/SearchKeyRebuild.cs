using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// Brings the stored name keys and search tokens of existing files up to the current rules
/// (NameKey.Version) once, at start-up after the migrations: files registered before a rule
/// changed (cross-script skeletons, invisible characters) are found like new ones. Idempotent:
/// it runs only while the stored version is older, batch by batch in id order, and a batch
/// recomputes what UpdateSearchKeys would write anyway.
/// </summary>
public static class SearchKeyRebuild
{
    private const int BatchSize = 1000;

    /// <summary>Rebuilds when needed; returns the number of files whose keys were recomputed. Runs in the system scope.</summary>
    public static async Task<int> RunIfOutdatedAsync(AppDbContext db, AuditTrail? auditTrail, ILogger logger, CancellationToken ct)
    {
        var state = await db.SearchIndexStates.SingleOrDefaultAsync(s => s.Name == SearchIndexState.MigrantNames, ct);
        if (state is not null && state.Version >= NameKey.Version)
        {
            return 0;
        }
        var suppressed = auditTrail?.Suppressed ?? false;
        // Keys are derived data, not a change anyone made: no audit entry per file.
        if (auditTrail is not null) auditTrail.Suppressed = true;
        try
        {
            var count = 0;
            var after = 0;
            while (true)
            {
                // Scope bypass: start-up maintenance of derived keys over every file.
                var batch = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Include(m => m.NameTokens)
                    .Where(m => m.Id > after).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }
                foreach (var m in batch)
                {
                    m.UpdateSearchKeys();
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                count += batch.Count;
                after = batch[^1].Id;
                if (count % 50_000 == 0)
                {
                    logger.LogInformation("Search keys rebuilt for {Count} files", count);
                }
            }
            state = await db.SearchIndexStates.SingleOrDefaultAsync(s => s.Name == SearchIndexState.MigrantNames, ct);
            if (state is null)
            {
                db.SearchIndexStates.Add(new SearchIndexState { Name = SearchIndexState.MigrantNames, Version = NameKey.Version });
            }
            else
            {
                state.Version = NameKey.Version;
            }
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Search keys at version {Version}: {Count} files rebuilt", NameKey.Version, count);
            return count;
        }
        finally
        {
            if (auditTrail is not null) auditTrail.Suppressed = suppressed;
        }
    }
}
