using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Centres;

public sealed class CentreTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static Dictionary<string, string> Fields(TrainingCentre c, string name, int? regionId = null) => new()
    {
        ["Code"] = c.Code, ["Name"] = name, ["Kind"] = c.Kind.ToString(),
        ["RegionId"] = (regionId ?? c.RegionId).ToString(), ["City"] = c.City, ["Capacity"] = c.Capacity.ToString(),
    };

    [Fact]
    public async Task The_list_filters_by_region_province_city_trade_and_kind()
    {
        var alkari = await app.CentreAsync();
        var alu = await app.TradeAsync("ALU");
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var page = await client.GetTextAsync($"/Centres?regionId={alkari.RegionId}&provinceId={alkari.ProvinceId}&city=Rabat&tradeId={alu}&kind=ApprenticeshipCentre");
        Assert.Contains("Centre d'apprentissage Alkari", page, StringComparison.Ordinal);
        Assert.Contains($"/Centres/Details/{alkari.Id}", page, StringComparison.Ordinal);
        var none = await client.GetTextAsync($"/Centres?city=Rabat&kind=WomensEducationCentre&q=Alkari");
        Assert.DoesNotContain("Centre d'apprentissage Alkari", none, StringComparison.Ordinal);
        var all = await client.GetTextAsync("/Centres");
        Assert.Contains("Page 1 sur", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_centre_page_shows_trades_offer_directors_and_apprentices_per_year()
    {
        var alkari = await app.CentreAsync();
        await app.OfferAsync(alkari.Id, await app.TradeAsync("TOLE"), await app.TrackAsync(DiplomaTrack.Qualification), 2016, 14);
        for (var i = 0; i < 3; i++)
        {
            await app.EnrolmentAsync(await app.MigrantAsync(), alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2016, 10, 3),
                after: e => e.Complete(new DateOnly(2017, 7, 1)));
        }
        var client = await SignedInAsync(DemoAccounts.RabatManager);
        var page = await client.GetTextAsync($"/Centres/Details/{alkari.Id}");
        Assert.Contains("Tôlerie", page, StringComparison.Ordinal);
        Assert.Contains("Directeur du centre Alkari", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">2016/2017</th><td class=\"text-end\">3</td><td class=\"text-end\">3</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>2016/2017</td><td>Tôlerie", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text-end\">14</td><td class=\"text-end\">0</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_creates_a_centre_and_a_duplicate_code_is_refused()
    {
        var client = await SignedInAsync(DemoAccounts.Admin);
        var rsk = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync());
        var trade = await app.TradeAsync("COIF");
        var fields = new Dictionary<string, string>
        {
            ["Code"] = "RSK-TEST-NEW", ["Name"] = "Centre pilote de Témara", ["Kind"] = "VocationalTrainingCentre", ["RegionId"] = rsk.ToString(),
            ["City"] = "Témara", ["Capacity"] = "60", ["TradeIds"] = trade.ToString(),
        };
        var response = await client.SubmitFormAsync("/Centres/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetTextAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Centre pilote de Témara", page, StringComparison.Ordinal);
        Assert.Contains("Coiffure", page, StringComparison.Ordinal);

        var again = await client.SubmitFormAsync("/Centres/Create", fields);
        Assert.Contains("Ce code est déjà utilisé", await again.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regional_manager_edits_the_centres_of_their_region_only()
    {
        var client = await SignedInAsync(DemoAccounts.RabatManager);
        var own = await app.CentreInRegionAsync("RSK");
        var response = await client.SubmitFormAsync($"/Centres/Edit/{own.Id}", Fields(own, own.Name + " (rénové)"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(own.Name + " (rénové)", await client.GetTextAsync($"/Centres/Details/{own.Id}"), StringComparison.Ordinal);

        var tanger = await app.CentreInRegionAsync("TTA");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Centres/Edit/{tanger.Id}")).StatusCode);
        // Their own centre's edit form, pointed at the Tanger centre.
        var post = await client.SubmitRetargetedFormAsync($"/Centres/Edit/{own.Id}", null, $"/Centres/Edit/{tanger.Id}", Fields(tanger, "Piraté"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var current = await app.CentreInRegionAsync("RSK");
        var moved = await client.SubmitFormAsync($"/Centres/Edit/{own.Id}", Fields(current, current.Name, tanger.RegionId));
        Assert.Contains("Vous ne pouvez gérer que les centres de votre région", await moved.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(own.RegionId, (await app.CentreInRegionAsync("RSK")).RegionId);
    }

    [Fact]
    public async Task A_stale_edit_form_does_not_overwrite_a_newer_change()
    {
        var client = await SignedInAsync(DemoAccounts.Admin);
        var centre = await app.CentreInRegionAsync("FM");
        // Two tabs on the same centre: the second one is saved after the first.
        var first = await client.GetFormAsync($"/Centres/Edit/{centre.Id}");
        var second = await client.GetFormAsync($"/Centres/Edit/{centre.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(Fields(centre, "Premier nom"))).StatusCode);
        var stale = await second.SubmitAsync(Fields(centre, "Second nom"));
        Assert.Contains("Quelqu'un d'autre a modifié cette fiche", await stale.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directors_and_social_workers_cannot_edit_centres()
    {
        var alkari = await app.CentreAsync();
        foreach (var email in new[] { DemoAccounts.AlkariDirector, DemoAccounts.RabatSocial })
        {
            var client = await SignedInAsync(email);
            var response = await client.GetAsync($"/Centres/Edit/{alkari.Id}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("/Centres/Edit/", await client.GetTextAsync($"/Centres/Details/{alkari.Id}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_administrator_sets_an_offer_and_the_centre_then_teaches_that_trade()
    {
        var centre = await app.CentreInRegionAsync("SM");
        var trade = await app.WithDbAsync(db => db.Trades.Where(t => !db.CentreTrades.Any(ct => ct.TrainingCentreId == centre.Id && ct.TradeId == t.Id)).OrderBy(t => t.Id).Select(t => new { t.Id, t.NameFr }).FirstAsync());
        var client = await SignedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitFormAsync($"/Centres/Details/{centre.Id}", new Dictionary<string, string>
        {
            ["TradeId"] = trade.Id.ToString(), ["DiplomaTrackId"] = (await app.TrackAsync()).ToString(), ["AcademicYear"] = "2025", ["Capacity"] = "18",
        }, $"/Centres/SaveOffer/{centre.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetTextAsync($"/Centres/Details/{centre.Id}");
        Assert.Contains($"<td>2025/2026</td><td>{trade.NameFr}</td>", page, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.CentreTrades.AnyAsync(ct => ct.TrainingCentreId == centre.Id && ct.TradeId == trade.Id)));

        var invalid = await client.SubmitFormAsync($"/Centres/Details/{centre.Id}", new Dictionary<string, string>
        {
            ["TradeId"] = trade.Id.ToString(), ["DiplomaTrackId"] = (await app.TrackAsync()).ToString(), ["AcademicYear"] = "2025", ["Capacity"] = "0",
        }, $"/Centres/SaveOffer/{centre.Id}");
        Assert.Contains("Le nombre de places doit être d'au moins 1", await invalid.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_manages_trades_in_three_languages()
    {
        var client = await SignedInAsync(DemoAccounts.Admin);
        var sector = await app.WithDbAsync(db => db.Sectors.Select(s => s.Id).FirstAsync());
        var response = await client.SubmitFormAsync("/Trades/Create", new Dictionary<string, string>
        {
            ["Code"] = "PLOMB2", ["SectorId"] = sector.ToString(), ["NameFr"] = "Plomberie sanitaire", ["NameAr"] = "الترصيص الصحي", ["NameEn"] = "Sanitary plumbing",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await client.GetTextAsync("/Trades");
        Assert.Contains("Plomberie sanitaire", list, StringComparison.Ordinal);
        Assert.Contains("الترصيص الصحي", list, StringComparison.Ordinal);
        var missing = await client.SubmitFormAsync("/Trades/Create", new Dictionary<string, string> { ["Code"] = "X1", ["SectorId"] = sector.ToString(), ["NameFr"] = "Seulement" });
        Assert.Contains("Le nom est requis dans les trois langues", await missing.ReadTextAsync(), StringComparison.Ordinal);

        var manager = await SignedInAsync(DemoAccounts.RabatManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/Trades")).StatusCode);
    }
}
