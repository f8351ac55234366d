using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Data.Seed;

/// <summary>
/// Seeds the reference data that ships with the app (regions and provinces, ISO countries,
/// sectors and trades, diploma tracks, the article's partners). Idempotent: a row is added
/// only when its code is missing, and an existing row — possibly edited by an
/// Administrator — is never overwritten.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, AuditTrail auditTrail, ReferenceCache? cache = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        auditTrail.Suppressed = true;
        try
        {
            await SeedRegionsAsync(ct);
            await SeedSimpleAsync(db.Countries, Read<List<CountryRow>>("countries.json"), r => new Country
            {
                Code = r.Code, Alpha3 = r.Alpha3, NameFr = r.NameFr, NameAr = r.NameAr, NameEn = r.NameEn,
            }, ct);
            await SeedTradesAsync(ct);
            await SeedSimpleAsync(db.DiplomaTracks, DiplomaTracks, t => t, ct);
            await SeedSimpleAsync(db.Partners, Read<List<PartnerRow>>("partners.json"), r => new Partner
            {
                Code = r.Code, NameFr = r.NameFr, NameAr = r.NameAr, NameEn = r.NameEn,
                Kind = Enum.Parse<PartnerKind>(r.Kind), CountryCode = r.CountryCode,
            }, ct);
        }
        finally
        {
            auditTrail.Suppressed = false;
            // Regions and countries may have changed: the next page reads them again.
            cache?.Invalidate();
        }
    }

    private static IEnumerable<DiplomaTrack> DiplomaTracks =>
    [
        new() { Code = DiplomaTrack.Qualification, NameFr = "Diplôme de qualification", NameAr = "دبلوم التأهيل", NameEn = "Qualification diploma", DurationMonths = 24 },
        new() { Code = DiplomaTrack.Apprenticeship, NameFr = "Diplôme d'apprentissage", NameAr = "دبلوم التدرج المهني", NameEn = "Apprenticeship diploma", DurationMonths = 12 },
    ];

    private async Task SeedSimpleAsync<TRow, TEntity>(DbSet<TEntity> set, IEnumerable<TRow> rows, Func<TRow, TEntity> create, CancellationToken ct)
        where TEntity : ReferenceEntity
    {
        var existing = (await set.Select(e => e.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var entity = create(row);
            if (existing.Add(entity.Code))
            {
                set.Add(entity);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedRegionsAsync(CancellationToken ct)
    {
        var rows = Read<List<RegionRow>>("regions.json");
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, StringComparer.OrdinalIgnoreCase, ct);
        var provinces = (await db.Provinces.Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (!regions.TryGetValue(row.Code, out var region))
            {
                region = new Region { Code = row.Code, NameFr = row.NameFr, NameAr = row.NameAr, NameEn = row.NameEn, Population = row.Population };
                db.Regions.Add(region);
                regions[row.Code] = region;
            }
            foreach (var p in row.Provinces.Where(p => provinces.Add(p.Code)))
            {
                db.Provinces.Add(new Province
                {
                    Code = p.Code, NameFr = p.NameFr, NameAr = p.NameAr, NameEn = p.NameEn,
                    Kind = Enum.Parse<ProvinceKind>(p.Kind), Population = p.Population, Region = region,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedTradesAsync(CancellationToken ct)
    {
        var file = Read<TradesFile>("trades.json");
        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var s in file.Sectors.Where(s => !sectors.ContainsKey(s.Code)))
        {
            var sector = new Sector { Code = s.Code, NameFr = s.NameFr, NameAr = s.NameAr, NameEn = s.NameEn };
            db.Sectors.Add(sector);
            sectors[s.Code] = sector;
        }
        var trades = (await db.Trades.Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var t in file.Trades.Where(t => trades.Add(t.Code)))
        {
            db.Trades.Add(new Trade { Code = t.Code, NameFr = t.NameFr, NameAr = t.NameAr, NameEn = t.NameEn, Sector = sectors[t.Sector] });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The seed files are embedded in the assembly, so every host (tests, Docker) has them.</summary>
    internal static T Read<T>(string file)
    {
        var assembly = typeof(ReferenceDataSeeder).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Seed." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Empty seed file {file}");
    }

    internal sealed record CountryRow(string Code, string Alpha3, string NameFr, string NameAr, string NameEn);
    internal sealed record PartnerRow(string Code, string NameFr, string NameAr, string NameEn, string Kind, string? CountryCode);
    internal sealed record ProvinceRow(string Code, string Kind, string NameFr, string NameAr, string NameEn, int Population, List<string> Cities);
    internal sealed record RegionRow(string Code, string NameFr, string NameAr, string NameEn, int Population, List<ProvinceRow> Provinces);
    internal sealed record NamedRow(string Code, string NameFr, string NameAr, string NameEn, string Sector = "");
    internal sealed record TradesFile(List<NamedRow> Sectors, List<NamedRow> Trades);
}
