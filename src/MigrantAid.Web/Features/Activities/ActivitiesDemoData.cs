using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// Demo activities: the Rabat and Tanger activities of February 2018 (the Italian
/// association's EU project, when its convention exists), some still operating and one failed,
/// and a few recent ones so that today's lists and "visits due" are not empty. Deterministic
/// and idempotent (nothing when activities exist).
/// </summary>
public sealed class ActivitiesDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 300;

    private sealed record Plan(string Region, string Name, ActivitySector Sector, string? Trade, string City, decimal Requested,
        DateOnly Proposed, int Members, string Outcome);

    public async Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.IncomeActivities.AnyAsync(ct))
        {
            return;
        }
        var today = clock.Today();
        var random = new Random(2018);
        var people = new Dictionary<string, List<int>>
        {
            ["RSK"] = await DemoMigrants.OfRegionAsync(db, "RSK", 12, ct),
            ["TTA"] = await DemoMigrants.OfRegionAsync(db, "TTA", 12, ct),
        };
        var regions = await db.Regions.Where(r => r.Code == "RSK" || r.Code == "TTA").ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var trades = await db.Trades.ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        var italian = (await db.PartnerConventions.AsNoTracking().ToListAsync(ct))
            // The Italian association's EU project is the convention on income-generating activities.
            .OrderBy(c => c.StartDate)
            .FirstOrDefault(c => c.Themes.HasFlag(ConventionTheme.IncomeGeneratingActivities)
                || $"{c.Reference} {c.Title}".Contains("ital", StringComparison.OrdinalIgnoreCase));
        var feb2018 = new DateOnly(2018, 2, 5);
        Plan[] plans =
        [
            new("RSK", "Atelier de menuiserie aluminium — Takadoum", ActivitySector.Trade, "ALU", "Rabat", 30000m, feb2018, 3, "operating"),
            new("RSK", "Salon de coiffure — Yacoub El Mansour", ActivitySector.Trade, "COIF", "Rabat", 18000m, feb2018, 2, "operating"),
            new("RSK", "Épicerie de quartier — Hay Nahda", ActivitySector.Commerce, null, "Rabat", 15000m, feb2018.AddDays(3), 1, "failed"),
            new("TTA", "Garage de réparation auto — Beni Makada", ActivitySector.Trade, "AUTO", "Tanger", 35000m, feb2018.AddDays(7), 3, "closed"),
            new("TTA", "Couture et retouches — Médina", ActivitySector.Services, null, "Tanger", 12000m, feb2018.AddDays(7), 1, "operating"),
            new("RSK", "Maraîchage — Sidi Allal Bahraoui", ActivitySector.Agriculture, null, "Rabat", 20000m, today.AddMonths(-3).AddDays(-30), 2, "funded"),
            new("TTA", "Snack et traiteur — Tanger Ville", ActivitySector.Commerce, null, "Tanger", 16000m, today.AddDays(-25), 1, "approved"),
            new("RSK", "Tôlerie et peinture — Salé", ActivitySector.Trade, "TOLE", "Salé", 28000m, today.AddDays(-10), 2, "proposed"),
        ];
        var used = new Dictionary<string, int> { ["RSK"] = 0, ["TTA"] = 0 };
        var activities = new List<IncomeActivity>();
        foreach (var p in plans)
        {
            var pool = people[p.Region];
            var members = Enumerable.Range(0, p.Members).Select(i => pool[(used[p.Region] + i) % pool.Count]).Distinct().ToList();
            used[p.Region] += p.Members;
            var a = new IncomeActivity
            {
                Name = p.Name, Sector = p.Sector, TradeId = p.Trade is { } t && trades.TryGetValue(t, out var tid) ? tid : null, City = p.City,
                RegionId = regions[p.Region], GrantRequested = p.Requested, ExpectedMonthlyRevenue = Math.Round(p.Requested / 6m, 0),
                BusinessPlan = "Plan d'affaires étudié avec l'assistante sociale : local, équipement de départ, stock initial ; revenu attendu après trois mois.",
            };
            a.Propose(p.Proposed);
            a.Members.AddRange(members.Select(id => new ActivityMember { MigrantId = id, RegionId = a.RegionId }));
            a.BudgetLines.Add(new ActivityBudgetLine { RegionId = a.RegionId, Label = "Équipement", Amount = Math.Round(p.Requested * 0.6m, 0) });
            a.BudgetLines.Add(new ActivityBudgetLine { RegionId = a.RegionId, Label = "Stock initial et loyer", Amount = p.Requested - Math.Round(p.Requested * 0.6m, 0) });
            if (p.Outcome != "proposed")
            {
                a.Approve(p.Requested, 60 + random.Next(30), "Projet viable, porteurs formés au centre.", p.Proposed.AddDays(15));
            }
            if (p.Outcome is not ("proposed" or "approved"))
            {
                Fund(a, p.Proposed.AddDays(25), p.Outcome, today, random);
            }
            activities.Add(a);
        }
        db.IncomeActivities.AddRange(activities);
        await db.SaveChangesAsync(ct);
        if (italian is not null)
        {
            db.ConventionAttributions.AddRange(activities.Where(a => a.ProposedOn.Year == 2018).Select(a => new ConventionAttribution
            {
                PartnerConventionId = italian.Id, RecordKind = AttributedRecordKind.IncomeGeneratingActivity, RecordId = a.Id,
            }));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Two tranches around a first visit, then a visit every three months until the outcome.</summary>
    private static void Fund(IncomeActivity a, DateOnly first, string outcome, DateOnly today, Random random)
    {
        var half = Math.Round(a.GrantGranted!.Value / 2m, 0);
        a.AddTranche(half, first, "Achat de l'équipement", $"REC-{first:yyyyMM}-{a.Name.Length:D3}");
        if (outcome == "funded")
        {
            return;
        }
        var visit = first.AddMonths(3);
        var revenue = a.ExpectedMonthlyRevenue * 0.7m;
        a.RecordVisit(visit, true, revenue, revenue * 0.6m, "Activité démarrée, clientèle du quartier.");
        a.AddTranche(a.GrantGranted.Value - half, visit.AddDays(5), "Visite de suivi favorable", $"REC-{visit:yyyyMM}-{a.Name.Length:D3}");
        var last = outcome switch { "failed" => first.AddMonths(8), "closed" => first.AddMonths(30), _ => today.AddDays(-100) };
        for (visit = visit.AddMonths(3); visit <= last; visit = visit.AddMonths(3))
        {
            var operating = outcome != "failed" || visit < last.AddMonths(-1);
            revenue = Math.Round(a.ExpectedMonthlyRevenue * (0.8m + (decimal)random.NextDouble() * 0.5m), 0);
            a.RecordVisit(visit, operating, operating ? revenue : 0, operating ? Math.Round(revenue * 0.6m, 0) : 0,
                operating ? "Activité en fonctionnement." : "Local fermé, le porteur a quitté la ville.");
        }
        if (outcome == "failed")
        {
            a.Fail("Activité arrêtée : départ du porteur de projet.", last);
        }
        else if (outcome == "closed")
        {
            a.Close("Fin du suivi : activité autonome.", last);
        }
    }
}
