using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// The demo people that activities and aid are about: the files of Rabat and Tanger that the
/// migrants' demo data (Order 100) created, or else a handful of our own, always the same.
/// </summary>
internal static class DemoMigrants
{
    private static readonly (string Family, string Given, Sex Sex, string Country, int BirthYear)[] Own =
    [
        ("Ouédraogo", "Salif", Sex.Male, "BF", 1994), ("Tall", "Ramatoulaye", Sex.Female, "SN", 1997), ("Nkembe", "Brice", Sex.Male, "CM", 1992),
        ("Dembélé", "Sekou", Sex.Male, "ML", 1995), ("Okafor", "Emeka", Sex.Male, "NG", 1990), ("Bangoura", "Lansana", Sex.Male, "GN", 1998),
        ("Gueye", "Astou", Sex.Female, "SN", 1996), ("Sangaré", "Bakary", Sex.Male, "CI", 1993),
    ];

    public static async Task<List<int>> OfRegionAsync(AppDbContext db, string regionCode, int wanted, CancellationToken ct)
    {
        var region = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync(ct);
        var ids = await db.Migrants.Where(m => m.RegionId == region && m.MergedIntoId == null).OrderBy(m => m.Id).Select(m => m.Id).Take(wanted).ToListAsync(ct);
        if (ids.Count >= Math.Min(wanted, Own.Length))
        {
            return ids;
        }
        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var city = regionCode == "TTA" ? "Tanger" : "Rabat";
        var created = new List<Migrant>();
        for (var i = 0; i < Own.Length; i++)
        {
            var p = Own[i];
            var number = string.Create(CultureInfo.InvariantCulture, $"{regionCode}-2018-{900001 + i:D6}");
            if (await db.Migrants.AnyAsync(m => m.FileNumber == number, ct))
            {
                continue;
            }
            var m = new Migrant
            {
                FileNumber = number, FamilyName = p.Family, GivenName = p.Given, Sex = p.Sex, BirthYear = p.BirthYear,
                NationalityId = countries[p.Country], RegionId = region, City = city, ConsentGiven = true, ConsentDate = new DateOnly(2018, 1, 15),
            };
            m.UpdateSearchKeys();
            created.Add(m);
        }
        db.Migrants.AddRange(created);
        await db.SaveChangesAsync(ct);
        // Registered in January 2018, when they were first followed (their file numbers say so),
        // not on the day the demo was generated: the dashboards count registrations by month.
        var createdIds = created.Select(m => m.Id).ToList();
        var registered = new DateTimeOffset(2018, 1, 15, 9, 0, 0, TimeSpan.Zero);
        await db.Migrants.Where(m => createdIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, registered), ct);
        return await db.Migrants.Where(m => m.RegionId == region && m.MergedIntoId == null).OrderBy(m => m.Id).Select(m => m.Id).Take(wanted).ToListAsync(ct);
    }
}
