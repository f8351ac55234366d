using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Distributions;

public sealed class DistributionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<int> SiteAsync(string regionCode = "RSK", string? name = null) =>
        app.WithDbAsync(async db =>
        {
            var site = new AidSite { Name = name ?? MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync() };
            db.AidSites.Add(site);
            await db.SaveChangesAsync();
            return site.Id;
        });

    private static Dictionary<string, string> Form(int siteId, DateOnly date, string kind = "Food", int men = 20, int women = 10, int girls = 5, int boys = 5) => new()
    {
        ["Date"] = Iso(date), ["AidSiteId"] = siteId.ToString(CultureInfo.InvariantCulture), ["Kind"] = kind, ["PlannedQuantity"] = "50",
        ["ActualQuantity"] = "45", ["Unit"] = "colis", ["PlannedRecipients"] = "50", ["DistributedBy"] = "Équipe Rabat",
        ["UnregisteredMen"] = men.ToString(CultureInfo.InvariantCulture), ["UnregisteredWomen"] = women.ToString(CultureInfo.InvariantCulture),
        ["UnregisteredGirls"] = girls.ToString(CultureInfo.InvariantCulture), ["UnregisteredBoys"] = boys.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<int> CreateAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.PostFormAsync("/Distributions/Create", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, int id, string fileNumber, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["FileNumber"] = fileNumber };
        if (reason is not null)
        {
            fields["RepeatReason"] = reason;
        }
        return client.PostFormAsync($"/Distributions/Details/{id}", fields, $"/Distributions/AddRecipient/{id}");
    }

    [Fact]
    public async Task A_distribution_at_Al_Kamra_with_5_registered_and_40_unregistered_people()
    {
        var kamra = await app.WithDbAsync(db => db.AidSites.Where(s => s.Name == "Al Kamra" && s.City == "Rabat").Select(s => s.Id).SingleAsync());
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        Assert.Contains("Al Kamra, Rabat", await social.GetTextAsync("/Distributions/Create"), StringComparison.Ordinal);
        var id = await CreateAsync(social, Form(kamra, Today, "HygieneKit"));
        for (var i = 0; i < 5; i++)
        {
            var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Kamra"), "Awa");
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(social, id, await app.FileNumberAsync(migrantId))).StatusCode);
        }
        var d = await app.WithDbAsync(db => db.AidDistributions.Include(x => x.Recipients).AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal((5, 40, AidKind.HygieneKit), (d.Recipients.Count, d.UnregisteredTotal, d.Kind));
        var html = await social.GetTextAsync($"/Distributions/Details/{id}");
        Assert.Matches(@"Bénéficiaires servis</dt><dd class=""col-sm-6"">45<", html);
    }

    [Fact]
    public async Task A_distribution_in_the_future_or_with_a_negative_head_count_is_refused_and_nothing_saved()
    {
        var site = await SiteAsync();
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var future = await social.PostFormAsync("/Distributions/Create", Form(site, Today.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("Une distribution ne peut pas être datée dans le futur.", await future.ReadTextAsync(), StringComparison.Ordinal);
        var negative = await social.PostFormAsync("/Distributions/Create", Form(site, Today, men: -3));
        var html = await negative.ReadTextAsync();
        Assert.Contains("Un effectif ne peut pas être négatif.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"-3\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AidDistributions.AnyAsync(d => d.AidSiteId == site)));
    }

    [Fact]
    public async Task The_same_kind_again_within_its_period_warns_with_the_earlier_distribution_and_needs_a_recorded_reason()
    {
        var site = await SiteAsync();
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Twice"), "Awa");
        var fileNumber = await app.FileNumberAsync(migrantId);
        var first = await CreateAsync(social, Form(site, Today.AddDays(-20)));
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(social, first, fileNumber)).StatusCode);
        // Another kind: no warning.
        var blankets = await CreateAsync(social, Form(site, Today.AddDays(-10), "Blankets"));
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(social, blankets, fileNumber)).StatusCode);

        var second = await CreateAsync(social, Form(site, Today));
        var warned = await AddAsync(social, second, fileNumber);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = await warned.ReadTextAsync();
        Assert.Contains("a déjà reçu ce type d'aide dans les 30 derniers jours", html, StringComparison.Ordinal);
        Assert.Contains($"/Distributions/Details/{first}", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AidRecipients.AnyAsync(r => r.AidDistributionId == second)));

        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(social, second, fileNumber, "Famille arrivée avec trois enfants")).StatusCode);
        var recorded = await app.WithDbAsync(db => db.AidRecipients.AsNoTracking().SingleAsync(r => r.AidDistributionId == second));
        Assert.Equal((first, "Famille arrivée avec trois enfants"), (recorded.EarlierDistributionId!.Value, recorded.RepeatReason));
        // Aid received is on the case file's timeline.
        Assert.Contains("Famille arrivée avec trois enfants", await social.GetTextAsync($"/Migrants/Details/{migrantId}"), StringComparison.Ordinal);
        // The same person twice on one list is refused.
        Assert.Contains("déjà sur la liste", await (await AddAsync(social, second, fileNumber, "x")).ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_regions_staff_get_404_directors_and_partners_have_no_access()
    {
        var site = await SiteAsync();
        var rabat = await ClientAsync(DemoAccounts.RabatSocial);
        var id = await CreateAsync(rabat, Form(site, Today.AddDays(-2)));
        var tangerMigrant = await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Tng"), "Awa");
        var tangerManager = await app.TangerManagerAsync();
        foreach (var email in new[] { DemoAccounts.TangerSocial, tangerManager })
        {
            var client = await ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Distributions/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/Distributions", new Dictionary<string, string> { ["FileNumber"] = "x" }, $"/Distributions/AddRecipient/{id}")).StatusCode);
        }
        // A Rabat worker cannot print the card of a Tanger file, nor add a Tanger file by its number.
        Assert.Equal(HttpStatusCode.NotFound, (await rabat.GetAsync($"/Distributions/Card/{tangerMigrant}")).StatusCode);
        Assert.Contains("Aucun dossier à ce numéro.", await (await AddAsync(rabat, id, await app.FileNumberAsync(tangerMigrant))).ReadTextAsync(), StringComparison.Ordinal);
        foreach (var email in new[] { DemoAccounts.AlkariDirector, DemoAccounts.PartnerEu })
        {
            var client = await ClientAsync(email);
            // They see no distribution (issue 10): for them the record does not exist; the pages of the feature are forbidden.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Distributions/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Distributions/Reconciliation")).StatusCode);
        }
        foreach (var email in new[] { DemoAccounts.RabatManager, DemoAccounts.National })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync(email)).GetAsync($"/Distributions/Details/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_beneficiary_card_carries_the_file_number_the_name_and_a_QR_code_and_is_reachable_from_the_case_file()
    {
        var family = MigrantTestData.UniqueName("Card");
        var migrantId = await app.AddMigrantAsync("RSK", family, "Awa");
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        Assert.Contains($"/Distributions/Card/{migrantId}", await social.GetTextAsync($"/Migrants/Details/{migrantId}"), StringComparison.Ordinal);
        var card = await social.GetTextAsync($"/Distributions/Card/{migrantId}");
        Assert.Contains(await app.FileNumberAsync(migrantId), card, StringComparison.Ordinal);
        Assert.Contains(family, card, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciliation_of_a_site_and_month_adds_planned_and_actual_with_the_reasons_and_exports_with_an_HXL_row()
    {
        var siteName = MigrantTestData.UniqueName("Reco");
        var site = await SiteAsync(name: siteName);
        var migrants = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            migrants.Add(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Reco"), "Awa"));
        }
        var rsk = await app.RegionIdAsync("RSK");
        await app.WithDbAsync(async db =>
        {
            var a = new AidDistribution
            {
                Date = new DateOnly(2025, 3, 4), AidSiteId = site, RegionId = rsk, Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 100, ActualQuantity = 90,
                PlannedRecipients = 100, DistributedBy = "x", UnregisteredMen = 50, UnregisteredWomen = 20, UnregisteredGirls = 5, UnregisteredBoys = 5,
                DifferenceReason = "Pluie, moins de monde",
            };
            a.Recipients.AddRange(migrants.Select(m => new AidRecipient { MigrantId = m, RegionId = rsk }));
            var b = new AidDistribution
            {
                Date = new DateOnly(2025, 3, 25), AidSiteId = site, RegionId = rsk, Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 50, ActualQuantity = 60.5m,
                PlannedRecipients = 50, DistributedBy = "x", UnregisteredMen = 55, DifferenceReason = "Arrivée d'un groupe",
            };
            var other = new AidDistribution
            {
                Date = new DateOnly(2025, 4, 1), AidSiteId = site, RegionId = rsk, Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 999, ActualQuantity = 999,
                PlannedRecipients = 999, DistributedBy = "x", UnregisteredMen = 999,
            };
            db.AidDistributions.AddRange(a, b, other);
            await db.SaveChangesAsync();
        });
        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var page = await manager.GetTextAsync("/Distributions/Reconciliation?year=2025&month=3");
        Assert.Contains(siteName, page, StringComparison.Ordinal);
        Assert.Contains("Arrivée d'un groupe", page, StringComparison.Ordinal);

        var csv = await manager.GetStringAsync("/Distributions/Reconciliation?year=2025&month=3&format=csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#adm1+name,#loc+name,", lines[1], StringComparison.Ordinal);
        var line = Assert.Single(lines, l => l.Contains(siteName, StringComparison.Ordinal));
        // Distributions, planned recipients, actual recipients, registered, unregistered, planned and actual quantities.
        Assert.Contains(",colis,2,150,138,3,135,150,150.5,", line, StringComparison.Ordinal);
        Assert.Contains("Pluie, moins de monde ; Arrivée d'un groupe", line, StringComparison.Ordinal);

        var xlsx = await manager.GetAsync("/Distributions/Reconciliation?year=2025&month=3&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("#loc+name", rows[1]["B"]);
        Assert.Contains(rows, r => (r["B"] as string)?.Contains(siteName, StringComparison.Ordinal) == true && Convert.ToInt32(r["G"], CultureInfo.InvariantCulture) == 138);

        // Tanger's manager does not see Rabat's site in the reconciliation.
        var tanger = await ClientAsync(await app.TangerManagerAsync());
        Assert.DoesNotContain(siteName, await tanger.GetTextAsync("/Distributions/Reconciliation?year=2025&month=3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicator_sources_count_attributed_aid_and_activities_across_regions()
    {
        var site = await SiteAsync();
        var rabatMigrant = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Ind"), "Awa");
        var tangerMigrant = await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Ind"), "Awa");
        var funded = await app.ActivityAsync("Atelier indicateur", ActivityStatus.Operating, rabatMigrant);
        var tangerActivity = await app.ActivityAsync("Atelier indicateur Tanger", ActivityStatus.Funded, tangerMigrant);
        var conventionId = await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var c = new PartnerConvention { Reference = "T-" + Guid.NewGuid().ToString("N")[..8], Title = "Convention de test" };
            db.PartnerConventions.Add(c);
            var d = new AidDistribution
            {
                Date = Today.AddDays(-5), AidSiteId = site, RegionId = rsk, Kind = AidKind.Blankets, Unit = "couvertures", PlannedQuantity = 40, ActualQuantity = 42.5m,
                PlannedRecipients = 40, DistributedBy = "x", UnregisteredMen = 30, UnregisteredGirls = 4,
            };
            d.Recipients.Add(new AidRecipient { MigrantId = rabatMigrant, RegionId = rsk });
            db.AidDistributions.Add(d);
            await db.SaveChangesAsync();
            db.ConventionAttributions.AddRange(
                new ConventionAttribution { PartnerConventionId = c.Id, RecordKind = AttributedRecordKind.AidDistribution, RecordId = d.Id },
                new ConventionAttribution { PartnerConventionId = c.Id, RecordKind = AttributedRecordKind.IncomeGeneratingActivity, RecordId = funded },
                new ConventionAttribution { PartnerConventionId = c.Id, RecordKind = AttributedRecordKind.IncomeGeneratingActivity, RecordId = tangerActivity });
            await db.SaveChangesAsync();
            return c.Id;
        });

        // Signed in as no one and outside the system scope: the sources read across the row scope (reporting path).
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sources = scope.ServiceProvider.GetServices<IIndicatorSource>().ToList();
        async Task<List<IndicatorFact>> Facts(IndicatorKind kind) =>
            await sources.Single(s => s.Kinds.Contains(kind)).Facts(db, kind, [conventionId], Today.AddYears(-1), Today.AddDays(1)).ToListAsync();

        var recipients = await Facts(IndicatorKind.AidRecipients);
        Assert.Equal(35, recipients.Sum(f => f.HeadCount));
        Assert.Equal(rabatMigrant, Assert.Single(recipients, f => f.MigrantId is not null).MigrantId);
        Assert.Equal(4, recipients.Single(f => f.Child == true && f.Sex == Sex.Female).HeadCount);
        var quantity = Assert.Single(await Facts(IndicatorKind.AidQuantity));
        Assert.Equal((42.5m, "Blankets"), (quantity.Quantity, quantity.Category));
        Assert.Equal(2, (await Facts(IndicatorKind.ActivitiesFunded)).Count);
        Assert.Empty(await Facts(IndicatorKind.ActivitiesOperatingAtSixMonths));
    }

    [Fact]
    public async Task Demo_data_has_monthly_Al_Kamra_distributions_up_to_this_month_mostly_unregistered_and_activities_since_2018_and_runs_once()
    {
        async Task<(int Distributions, int Activities)> CountAsync() => await app.WithDbAsync(async db =>
            (await db.AidDistributions.CountAsync(), await db.IncomeActivities.CountAsync()));
        var before = await CountAsync();
        var kamra = await app.WithDbAsync(db => db.AidDistributions.AsNoTracking().Include(d => d.Recipients)
            .Where(d => d.Site!.Name == "Al Kamra" && d.Kind == AidKind.Food).OrderBy(d => d.Date).ToListAsync());
        Assert.Equal(new DateOnly(2018, 1, 10), kamra[0].Date);
        Assert.Equal((Today.Year, Today.Month), (kamra[^1].Date.Year, kamra[^1].Date.Month));
        Assert.All(kamra, d => Assert.True(d.UnregisteredTotal > d.Recipients.Count && d.UnregisteredTotal + d.Recipients.Count >= 175));
        var activities = await app.WithDbAsync(db => db.IncomeActivities.AsNoTracking().Select(a => new { a.ProposedOn, a.Status }).ToListAsync());
        Assert.Contains(activities, a => a.ProposedOn.Year == 2018 && a.Status == ActivityStatus.Operating);
        Assert.Single(activities, a => a.Status == ActivityStatus.Failed);
        Assert.Contains(activities, a => a.Status == ActivityStatus.Proposed && a.ProposedOn > Today.AddMonths(-1));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MigrantAid.Web.Infrastructure.Auth.CurrentUser>().EnterSystemScope("test: arrange or inspect data");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var contributor in scope.ServiceProvider.GetServices<MigrantAid.Web.Infrastructure.IDemoDataContributor>()
                .Where(c => c.GetType().Namespace!.EndsWith("Activities", StringComparison.Ordinal) || c.GetType().Namespace!.EndsWith("Distributions", StringComparison.Ordinal)))
            {
                await contributor.SeedAsync(db, new MigrantAid.Web.Infrastructure.DemoDataOptions(), default);
            }
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_social_worker_attributes_aid_to_the_conventions_covering_their_region_only()
    {
        // The demo conventions: the Belgian one covers the Rabat–Casablanca axis, not Tanger.
        var rabat = await (await ClientAsync(DemoAccounts.RabatSocial)).GetTextAsync("/Distributions/Create");
        Assert.Contains("BE-ENABEL-RC", rabat, StringComparison.Ordinal);
        Assert.Contains("UE-AGR-2018-IT", rabat, StringComparison.Ordinal);
        var tanger = await (await ClientAsync(DemoAccounts.TangerSocial)).GetTextAsync("/Distributions/Create");
        Assert.Contains("UE-AGR-2018-IT", tanger, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-ENABEL-RC", tanger, StringComparison.Ordinal);
        // Reading a convention's page still needs a conventions permission.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(DemoAccounts.RabatSocial)).GetAsync("/Conventions")).StatusCode);
    }
}
