using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Data.Seed;

/// <summary>
/// Development only: about 1,600 training centres spread over the regions in proportion to
/// population (with the Alkari apprenticeship centre in Rabat), and the demo accounts that
/// everyone scripts against. Deterministic and idempotent.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<ApplicationUser> users, IUserStore<ApplicationUser> userStore, AuditTrail auditTrail,
    TimeProvider clock, IEnumerable<Infrastructure.IDemoDataContributor> contributors)
{
    public const string DemoPassword = "MigrantAid-Demo-2026";
    public const string AlkariCode = "RSK-RAB-ALKARI";
    public const int CentreCount = 1600;
    /// <summary>
    /// Demo only: the authenticator key (base32) of the accounts whose role requires two-factor
    /// sign-in, published in the README so that scripts can compute the codes (RFC 6238).
    /// </summary>
    public const string DemoAuthenticatorKey = "MIGRANTAIDDEMOTOTPKEY234567ABCDE";

    public async Task SeedAsync(CancellationToken ct = default) => await SeedAsync(new Infrastructure.DemoDataOptions(), ct);

    public async Task SeedAsync(Infrastructure.DemoDataOptions options, CancellationToken ct = default)
    {
        auditTrail.Suppressed = true;
        try
        {
            await SeedCentresAsync(ct);
            await SeedAlkariOfferAsync(ct);
        }
        finally
        {
            auditTrail.Suppressed = false;
        }
        await SeedAccountsAsync(ct);

        // The features' own demo records (people, enrolments, conventions, aid...), in order.
        auditTrail.Suppressed = true;
        try
        {
            foreach (var contributor in contributors.OrderBy(c => c.Order))
            {
                await contributor.SeedAsync(db, options, ct);
            }
        }
        finally
        {
            auditTrail.Suppressed = false;
        }
    }

    private async Task SeedCentresAsync(CancellationToken ct)
    {
        var existing = (await db.TrainingCentres.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (existing.Count >= CentreCount)
        {
            return;
        }
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var trades = await db.Trades.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Code }).ToListAsync(ct);
        var cities = ReferenceDataSeeder.Read<List<ReferenceDataSeeder.RegionRow>>("regions.json")
            .SelectMany(r => r.Provinces).ToDictionary(p => p.Code, p => p.Cities, StringComparer.OrdinalIgnoreCase);
        var article = new[] { "ALU", "AUTO", "BAT", "COIF", "TOLE" };
        var random = new Random(2016);
        var kinds = Enum.GetValues<CentreKind>();

        if (!existing.Contains(AlkariCode))
        {
            var rabat = provinces.First(p => p.NameFr.StartsWith("Rabat", StringComparison.Ordinal));
            var alkari = new TrainingCentre
            {
                Code = AlkariCode, Name = "Centre d'apprentissage Alkari", NameArabic = "مركز التدرج المهني القاري",
                Kind = CentreKind.ApprenticeshipCentre, RegionId = rabat.RegionId, ProvinceId = rabat.Id, City = "Rabat",
                Address = "Quartier Akkari, Rabat", Capacity = 120,
            };
            alkari.Trades.AddRange(trades.Where(t => article.Contains(t.Code)).Select(t => new CentreTrade { TradeId = t.Id }));
            db.TrainingCentres.Add(alkari);
        }

        // Largest-remainder share of the centres by province population.
        var total = provinces.Sum(p => (long)Math.Max(p.Population, 1));
        var shares = provinces.Select(p => new { Province = p, Exact = (double)Math.Max(p.Population, 1) * (CentreCount - 1) / total }).ToList();
        var counts = shares.ToDictionary(s => s.Province.Id, s => Math.Max(1, (int)Math.Floor(s.Exact)));
        foreach (var s in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)))
        {
            if (counts.Values.Sum() >= CentreCount - 1) break;
            counts[s.Province.Id]++;
        }

        foreach (var province in provinces)
        {
            var towns = cities.TryGetValue(province.Code, out var c) && c.Count > 0 ? c : [province.NameFr];
            for (var i = 1; i <= counts[province.Id]; i++)
            {
                var code = $"{province.Code}-{i:D3}";
                var kind = kinds[random.Next(kinds.Length)];
                var town = towns[random.Next(towns.Count)];
                var centre = new TrainingCentre
                {
                    Code = code, Name = $"{KindName(kind)} {town} {i}", Kind = kind, RegionId = province.RegionId,
                    ProvinceId = province.Id, City = town, Address = $"{random.Next(1, 200)} avenue Hassan II, {town}",
                    Capacity = random.Next(4, 25) * 5,
                };
                centre.Trades.AddRange(trades.OrderBy(_ => random.Next()).Take(random.Next(3, 7)).Select(t => new CentreTrade { TradeId = t.Id }));
                if (existing.Add(code))
                {
                    db.TrainingCentres.Add(centre);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The Alkari centre's offer, so that enrolment can be tried at once: its five trades in the
    /// apprenticeship track (15 places) and building in the qualification track (10 places), for
    /// 2016/2017 (the article's year) and the current academic year.
    /// </summary>
    private async Task SeedAlkariOfferAsync(CancellationToken ct)
    {
        var alkari = await db.TrainingCentres.Include(c => c.Trades).SingleAsync(c => c.Code == AlkariCode, ct);
        if (await db.CentreOffers.AnyAsync(o => o.TrainingCentreId == alkari.Id, ct))
        {
            return;
        }
        var tracks = await db.DiplomaTracks.ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        var building = await db.Trades.Where(t => t.Code == "BAT").Select(t => t.Id).SingleAsync(ct);
        foreach (var year in new[] { 2016, AcademicYear.Of(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)) }.Distinct())
        {
            foreach (var trade in alkari.Trades)
            {
                db.CentreOffers.Add(new CentreOffer { TrainingCentreId = alkari.Id, TradeId = trade.TradeId, DiplomaTrackId = tracks[DiplomaTrack.Apprenticeship], AcademicYear = year, Capacity = 15 });
            }
            db.CentreOffers.Add(new CentreOffer { TrainingCentreId = alkari.Id, TradeId = building, DiplomaTrackId = tracks[DiplomaTrack.Qualification], AcademicYear = year, Capacity = 10 });
        }
        await db.SaveChangesAsync(ct);
    }

    private static string KindName(CentreKind kind) => kind switch
    {
        CentreKind.ApprenticeshipCentre => "Centre de formation par apprentissage",
        CentreKind.VocationalTrainingCentre => "Centre de formation professionnelle",
        CentreKind.WomensEducationCentre => "Centre d'éducation et de formation",
        CentreKind.SocialEducationCentre => "Centre socio-éducatif",
        _ => "Complexe social polyvalent",
    };

    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync(ct);
        var tta = await db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync(ct);
        var alkari = await db.TrainingCentres.Where(c => c.Code == AlkariCode).Select(c => new { c.Id, c.RegionId }).SingleAsync(ct);
        var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync(ct);

        (string Email, string Name, string Role, int? Region, int? Centre, int? Partner)[] accounts =
        [
            ("admin@migrantaid.test", "Administratrice nationale", Roles.Administrator, null, null, null),
            ("national@migrantaid.test", "Responsable national migration", Roles.NationalManager, null, null, null),
            ("rabat.manager@migrantaid.test", "Délégué régional Rabat-Salé-Kénitra", Roles.RegionalManager, rsk, null, null),
            ("alkari.director@migrantaid.test", "Directeur du centre Alkari", Roles.CentreDirector, alkari.RegionId, alkari.Id, null),
            ("rabat.social@migrantaid.test", "Assistante sociale Rabat", Roles.SocialWorker, rsk, null, null),
            ("tanger.social@migrantaid.test", "Assistant social Tanger", Roles.SocialWorker, tta, null, null),
            ("partner.eu@migrantaid.test", "Chargée de liaison UE", Roles.PartnerViewer, null, null, eu),
        ];
        foreach (var a in accounts)
        {
            if (await users.FindByEmailAsync(a.Email) is not null)
            {
                continue;
            }
            var user = new ApplicationUser
            {
                UserName = a.Email, Email = a.Email, EmailConfirmed = true, DisplayName = a.Name,
                RegionId = a.Region, TrainingCentreId = a.Centre, PartnerId = a.Partner, CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, a.Role));
            if (IdentitySetup.TwoFactorRoles.Contains(a.Role))
            {
                await ((IUserAuthenticatorKeyStore<ApplicationUser>)userStore).SetAuthenticatorKeyAsync(user, DemoAuthenticatorKey, ct);
                user.TwoFactorEnabled = true;
                Check(await users.UpdateAsync(user));
            }
        }
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
