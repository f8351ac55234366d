using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed class HostPlacementTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private async Task<int> HostAsync(string regionCode, string name) => await app.WithDbAsync(async db =>
    {
        var host = new HostProfessional
        {
            Name = name, Kind = HostKind.Garage, City = "Rabat", Contact = "0537 00 00 00",
            TradeId = await db.Trades.Where(t => t.Code == "AUTO").Select(t => t.Id).SingleAsync(),
            RegionId = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync(),
        };
        db.HostProfessionals.Add(host);
        await db.SaveChangesAsync();
        return host.Id;
    });

    [Fact]
    public async Task A_director_registers_a_host_for_their_region_shared_with_the_region_but_not_beyond()
    {
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var alkari = await app.CentreAsync();
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "Garage Atlas Yacoub El Mansour", ["Kind"] = "Garage", ["TradeId"] = (await app.TradeAsync("AUTO")).ToString(),
            ["RegionId"] = alkari.RegionId.ToString(), ["City"] = "Rabat", ["Contact"] = "M. Bennani, 0661 00 00 00",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitFormAsync("/Hosts/Create", fields)).StatusCode);
        Assert.Contains("Garage Atlas Yacoub El Mansour", await director.GetTextAsync("/Hosts?q=Atlas"), StringComparison.Ordinal);
        Assert.Contains("Garage Atlas Yacoub El Mansour", await (await SignedInAsync(DemoAccounts.RabatManager)).GetTextAsync("/Hosts?q=Atlas&kind=Garage"), StringComparison.Ordinal);
        Assert.DoesNotContain("Garage Atlas Yacoub El Mansour", await (await SignedInAsync(DemoAccounts.TangerSocial)).GetTextAsync("/Hosts?q=Atlas"), StringComparison.Ordinal);

        var tta = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync());
        var elsewhere = await director.SubmitFormAsync("/Hosts/Create", new Dictionary<string, string>(fields) { ["RegionId"] = tta.ToString(), ["Name"] = "Garage du Détroit" });
        Assert.Contains("Vous ne pouvez gérer que les centres de votre région", await elsewhere.ReadTextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.HostProfessionals.AnyAsync(h => h.Name == "Garage du Détroit")));
    }

    [Fact]
    public async Task An_alternating_enrolment_without_a_current_placement_is_flagged_until_one_is_added()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id);
        var host = await HostAsync("RSK", "Garage Al Amal");
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        Assert.Contains("sans stage en cours chez un professionnel", await client.GetTextAsync($"/Enrolments/Details/{id}"), StringComparison.Ordinal);

        var response = await client.SubmitFormAsync($"/Enrolments/Details/{id}", new Dictionary<string, string>
        {
            ["HostProfessionalId"] = host.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today.AddDays(-5)), ["SharePercent"] = "80",
        }, $"/Enrolments/AddPlacement/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetTextAsync($"/Enrolments/Details/{id}");
        Assert.DoesNotContain("sans stage en cours chez un professionnel", page, StringComparison.Ordinal);
        Assert.Contains("Garage Al Amal", page, StringComparison.Ordinal);
        Assert.Contains("80 %", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_of_another_region_cannot_take_the_placement()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id);
        var host = await HostAsync("TTA", "Garage de Tanger Med");
        var client = await SignedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitFormAsync($"/Enrolments/Details/{id}", new Dictionary<string, string>
        {
            ["HostProfessionalId"] = host.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today),
        }, $"/Enrolments/AddPlacement/{id}");
        Assert.Contains("Ce professionnel n'est pas dans la région du centre", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.HostPlacements.AnyAsync(p => p.EnrolmentId == id)));
    }

    [Fact]
    public async Task Hosts_of_another_region_are_not_found()
    {
        var host = await HostAsync("TTA", "Salon de Tétouan");
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Hosts/Edit/{host}")).StatusCode);
        var own = await HostAsync("RSK", "Salon de Salé");
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/Hosts/Edit/{own}")).StatusCode);
    }

    [Fact]
    public async Task A_Tanger_social_worker_cannot_start_an_enrolment_from_a_Rabat_case_file()
    {
        var migrant = await app.MigrantAsync("RSK");
        var tanger = await SignedInAsync(DemoAccounts.TangerSocial);
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync($"/Enrolments/Create?migrantId={migrant}")).StatusCode);
        var rabat = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.OK, (await rabat.GetAsync($"/Enrolments/Create?migrantId={migrant}")).StatusCode);
    }
}
