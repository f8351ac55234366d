using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Activities;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// Demo aid: the sites of Rabat and Tanger, and a food distribution at Al Kamra (Rabat) every
/// month from January 2018 to this month for about 200 people, most of them not registered;
/// blankets each winter. Deterministic and idempotent (nothing when distributions exist).
/// </summary>
public sealed class DistributionsDemoData(TimeProvider clock) : IDemoDataContributor
{
    public const string AlKamra = "Al Kamra";
    public int Order => 310;

    public async Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.AidDistributions.AnyAsync(ct))
        {
            return;
        }
        var regions = await db.Regions.Where(r => r.Code == "RSK" || r.Code == "TTA").ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        if (!await db.AidSites.AnyAsync(ct))
        {
            db.AidSites.AddRange(
                new AidSite { Name = AlKamra, City = "Rabat", RegionId = regions["RSK"] },
                new AidSite { Name = "Gare routière Kamra", City = "Rabat", RegionId = regions["RSK"] },
                new AidSite { Name = "Boukhalef", City = "Tanger", RegionId = regions["TTA"] });
            await db.SaveChangesAsync(ct);
        }
        var kamra = await db.AidSites.SingleAsync(s => s.Name == AlKamra && s.City == "Rabat", ct);
        var people = await DemoMigrants.OfRegionAsync(db, "RSK", 40, ct);
        var random = new Random(2017);
        var today = clock.Today();
        var distributions = new List<AidDistribution>();
        for (var month = new DateOnly(2018, 1, 1); month <= today; month = month.AddMonths(1))
        {
            // On the 10th, or today early in this month: never in the future.
            var date = month.AddDays(9) <= today ? month.AddDays(9) : today;
            distributions.Add(Make(kamra, date, AidKind.Food, "colis", random, people));
            if (month.Month is 12 or 1 && date.AddDays(2) <= today)
            {
                distributions.Add(Make(kamra, date.AddDays(2), AidKind.Blankets, "couvertures", random, people));
            }
        }
        db.AidDistributions.AddRange(distributions);
        await db.SaveChangesAsync(ct);
    }

    private static AidDistribution Make(AidSite site, DateOnly date, AidKind kind, string unit, Random random, List<int> people)
    {
        var registered = people.Count == 0 ? [] : people.OrderBy(_ => random.Next()).Take(Math.Min(people.Count, 8 + random.Next(10))).ToList();
        var unregistered = 175 + random.Next(30);
        var children = unregistered / 8;
        var women = unregistered / 5;
        var actual = registered.Count + unregistered;
        var d = new AidDistribution
        {
            Date = date, AidSiteId = site.Id, RegionId = site.RegionId, Kind = kind, Unit = unit, PlannedRecipients = 200,
            PlannedQuantity = 200, ActualQuantity = Math.Min(200, actual), DistributedBy = "Équipe Entraide nationale Rabat",
            UnregisteredGirls = children / 2, UnregisteredBoys = children - children / 2, UnregisteredWomen = women,
            UnregisteredMen = unregistered - children - women,
            // Plausible unit values (a food parcel about 250 MAD, a blanket about 120 MAD), so the conventions can report aid value.
            ValueMad = Math.Min(200, actual) * (kind == AidKind.Food ? 250m : 120m),
            DifferenceReason = actual > 200 ? "Plus de personnes que prévu : colis partagés entre familles." : actual < 200 ? "Moins de personnes présentes que prévu." : null,
        };
        d.Recipients.AddRange(registered.Select(id => new AidRecipient { MigrantId = id, RegionId = site.RegionId }));
        return d;
    }
}
