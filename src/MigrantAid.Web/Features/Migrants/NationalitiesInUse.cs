using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// The nationalities of the files a user can see, listed first in the nationality filter and
/// field (a few dozen among 250 countries). One grouped query on the (RegionId, NationalityId)
/// index per scope, cached for a few minutes and dropped when a file of a new nationality is
/// saved here; another instance sees it at the latest on expiry — only the order of a list
/// depends on it, never what anyone may read.
/// </summary>
public sealed class NationalitiesInUse(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private long generation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> seen = new();

    public async Task<IReadOnlySet<int>> GetAsync(AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        var scope = user.Scope;
        var key = $"nationalities-in-use:{Interlocked.Read(ref generation)}:{scope.Kind}:{scope.RegionId}:{scope.CentreId}";
        if (cache.TryGetValue(key, out IReadOnlySet<int>? ids) && ids is not null)
        {
            return ids;
        }
        ids = (await NationalityIds(db, scope).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var id in ids)
        {
            seen.TryAdd(id, true);
        }
        cache.Set(key, ids, Lifetime);
        return ids;
    }

    /// <summary>
    /// The nationality of every file in the scope, read from an index alone. The row filter
    /// (region OR centre enrolments) would make the database visit every file, so national and
    /// regional users get the same rows through the index the filter cannot use.
    /// </summary>
    public static IQueryable<int> NationalityIds(AppDbContext db, AccessScope scope)
    {
        if (scope.FilterAll)
        {
            // Scope bypass: a national user sees every file; the query reads only the NationalityId index.
            return db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Select(m => m.NationalityId);
        }
        if (scope.Kind == ScopeKind.Region && scope.RegionId is { } region)
        {
            // Scope bypass: exactly the region's files, as the filter, through the (RegionId, NationalityId) index.
            return db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => m.RegionId == region).Select(m => m.NationalityId);
        }
        // Row-scoped (a centre director: the few files of their centre's apprentices).
        return db.Migrants.Select(m => m.NationalityId);
    }

    /// <summary>
    /// A file was saved with this nationality: the cached lists are dropped when it is new to
    /// them (a first Sudanese file), not on every registration.
    /// </summary>
    public void Saved(int nationalityId)
    {
        if (seen.TryAdd(nationalityId, true))
        {
            Interlocked.Increment(ref generation);
        }
    }
}
