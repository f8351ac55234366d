using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data;

/// <summary>A country's code and names, as the forms and filters list them.</summary>
public sealed record CountryName(int Id, string Code, string NameFr, string NameAr, string NameEn);

/// <summary>
/// Countries and regions, read for every list and form of the registry (the whole countries
/// table on each page, before): kept in memory for <see cref="Lifetime"/>. Reference data
/// changes only through the reference-data seed/import, which calls <see cref="Invalidate"/>
/// on its own instance; with several app instances the others see a change within the
/// lifetime (documented in the README's scale-out section) — nothing else depends on it.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string CountriesKey = "reference:countries";
    private const string RegionsKey = "reference:regions";

    public async Task<IReadOnlyList<CountryName>> CountriesAsync(AppDbContext db, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CountriesKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            IReadOnlyList<CountryName> list = await db.Countries.AsNoTracking().OrderBy(c => c.Code)
                .Select(c => new CountryName(c.Id, c.Code, c.NameFr, c.NameAr, c.NameEn)).ToListAsync(ct);
            return list;
        }))!;

    /// <summary>Regions, detached (never tracked by a context): read their names, do not edit them.</summary>
    public async Task<IReadOnlyList<Region>> RegionsAsync(AppDbContext db, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(RegionsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            IReadOnlyList<Region> list = await db.Regions.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
            return list;
        }))!;

    public void Invalidate()
    {
        cache.Remove(CountriesKey);
        cache.Remove(RegionsKey);
    }
}
