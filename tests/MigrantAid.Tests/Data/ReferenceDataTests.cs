using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Data;

public sealed class ReferenceDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Seeds_the_regions_provinces_countries_trades_tracks_and_partners()
    {
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(12, await db.Regions.CountAsync());
            Assert.Equal(75, await db.Provinces.CountAsync());
            Assert.All(await db.Regions.Include(r => r.Provinces).ToListAsync(), r => Assert.NotEmpty(r.Provinces));
            Assert.Equal(249, await db.Countries.CountAsync());
            Assert.Equal(0, await db.Countries.CountAsync(c => c.NameAr == "" || c.NameFr == "" || c.NameEn == ""));
            var morocco = await db.Countries.SingleAsync(c => c.Code == "MA");
            Assert.Equal("المغرب", morocco.NameAr);
            Assert.Equal("Maroc", morocco.NameFr);
            Assert.True(await db.Trades.CountAsync() >= 20);
            foreach (var code in new[] { "ALU", "AUTO", "BAT", "COIF", "TOLE" })
            {
                Assert.True(await db.Trades.AnyAsync(t => t.Code == code), $"trade {code} missing");
            }
            var tracks = await db.DiplomaTracks.ToDictionaryAsync(t => t.Code, t => t.DurationMonths);
            Assert.Equal(new Dictionary<string, int> { [DiplomaTrack.Qualification] = 24, [DiplomaTrack.Apprenticeship] = 12 }, tracks);
            Assert.Equal(["DDC", "ENABEL", "EU", "IT-ASSOC"], await db.Partners.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
        });
    }

    [Fact]
    public async Task Development_has_about_1600_centres_in_proportion_to_population_with_Alkari_in_Rabat()
    {
        await app.WithDbAsync(async db =>
        {
            Assert.InRange(await db.TrainingCentres.CountAsync(), 1590, 1610);
            var alkari = await db.TrainingCentres.Include(c => c.Region).Include(c => c.Trades).ThenInclude(t => t.Trade)
                .SingleAsync(c => c.Code == DemoDataSeeder.AlkariCode);
            Assert.Equal("RSK", alkari.Region!.Code);
            Assert.Equal("Rabat", alkari.City);
            Assert.Contains(alkari.Trades, t => t.Trade!.Code == "ALU");
            Assert.True(await db.TrainingCentres.AllAsync(c => c.Trades.Count >= 3));

            // Casablanca-Settat (the most populous region) has several times the centres of Dakhla.
            var perRegion = await db.TrainingCentres.GroupBy(c => c.Region!.Code).ToDictionaryAsync(g => g.Key, g => g.Count());
            Assert.Equal(12, perRegion.Count);
            Assert.True(perRegion["CS"] > 5 * perRegion["DOD"], $"CS {perRegion["CS"]} vs DOD {perRegion["DOD"]}");
        });
    }
}

public sealed class ReferenceDataRestartTests
{
    [Fact]
    public async Task A_restart_adds_nothing_and_keeps_an_administrators_edit()
    {
        string folder;
        Dictionary<string, int> before;
        using (var first = new AppFactory())
        {
            folder = first.DataFolder;
            before = await Counts(first);
            await first.WithDbAsync(async db =>
            {
                var trade = await db.Trades.SingleAsync(t => t.Code == "COIF");
                trade.NameFr = "Coiffure et esthétique (modifié)";
                await db.SaveChangesAsync();
            });
        }

        using var second = AppFactory.Restart(folder);
        Assert.Equal(before, await Counts(second));
        var name = await second.WithDbAsync(db => db.Trades.Where(t => t.Code == "COIF").Select(t => t.NameFr).SingleAsync());
        Assert.Equal("Coiffure et esthétique (modifié)", name);
    }

    private static Task<Dictionary<string, int>> Counts(AppFactory app) => app.WithDbAsync(async db => new Dictionary<string, int>
    {
        ["regions"] = await db.Regions.CountAsync(),
        ["provinces"] = await db.Provinces.CountAsync(),
        ["countries"] = await db.Countries.CountAsync(),
        ["trades"] = await db.Trades.CountAsync(),
        ["tracks"] = await db.DiplomaTracks.CountAsync(),
        ["partners"] = await db.Partners.CountAsync(),
        ["centres"] = await db.TrainingCentres.CountAsync(),
        ["users"] = await db.Users.CountAsync(),
        ["roles"] = await db.Roles.CountAsync(),
    });
}

public sealed class ProductionEnvironmentTests
{
    [Fact]
    public async Task Outside_Development_there_are_no_demo_accounts_or_demo_centres_but_reference_data_and_roles_exist()
    {
        using var app = new AppFactory { EnvironmentName = "Production" };
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(0, await db.TrainingCentres.CountAsync());
            Assert.Equal(12, await db.Regions.CountAsync());
            Assert.Equal(6, await db.Roles.CountAsync());
        });
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(DemoAccounts.Admin);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode); // the form again, with an error
        Assert.Contains("incorrect", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
