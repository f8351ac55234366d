using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Dashboard;

/// <summary>
/// The aid and activity sections of the dashboards over a small known dataset, in two regions
/// the demo data leaves empty: in Souss-Massa two distributions this month (food, blankets:
/// 2 registered, 10 not) and two funded activities (one 13 months ago, operating at 6 and 12
/// months); in Drâa-Tafilalet one food distribution (30 not registered) and one activity funded
/// this month.
/// </summary>
public sealed class AidActivitiesDashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => TestClock.Today;

    private async Task ArrangeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.AidSites.AnyAsync(s => s.Name == "Dash site"))
            {
                return;
            }
            var rsk = await db.Regions.Where(r => r.Code == "SM").Select(r => r.Id).SingleAsync();
            var tta = await db.Regions.Where(r => r.Code == "DT").Select(r => r.Id).SingleAsync();
            var sn = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            var people = Enumerable.Range(1, 3).Select(n => new Migrant
            {
                FileNumber = $"DASHAID-{n}", FamilyName = "Aiddash", GivenName = "Awa" + n, Sex = Sex.Female, BirthYear = 1995, NationalityId = sn,
                RegionId = n == 3 ? tta : rsk, AdministrativeStatus = AdministrativeStatus.Irregular,
            }).ToList();
            people.ForEach(m => m.UpdateSearchKeys());
            db.Migrants.AddRange(people);
            var rabatSite = new AidSite { Name = "Dash site", City = "Rabat", RegionId = rsk };
            var tangerSite = new AidSite { Name = "Dash site", City = "Tanger", RegionId = tta };
            AidDistribution Distribution(AidSite site, AidKind kind, int men) => new()
            {
                Date = Today.AddDays(-1), Site = site, RegionId = site.RegionId, Kind = kind, PlannedQuantity = 10, ActualQuantity = 10, Unit = "u",
                PlannedRecipients = 10, DistributedBy = "x", UnregisteredMen = men,
            };
            var food = Distribution(rabatSite, AidKind.Food, 6);
            var blankets = Distribution(rabatSite, AidKind.Blankets, 4);
            db.AidDistributions.AddRange(food, blankets, Distribution(tangerSite, AidKind.Food, 30));
            await db.SaveChangesAsync();
            db.AidRecipients.AddRange(
                new AidRecipient { AidDistributionId = food.Id, MigrantId = people[0].Id, RegionId = rsk },
                new AidRecipient { AidDistributionId = blankets.Id, MigrantId = people[1].Id, RegionId = rsk });

            IncomeActivity Activity(Migrant m, DateOnly funded, bool visitAtTwelve)
            {
                var a = new IncomeActivity { Name = "Dash", Sector = ActivitySector.Commerce, City = "x", RegionId = m.RegionId, BusinessPlan = "p", ExpectedMonthlyRevenue = 1, GrantRequested = 1000 };
                a.Propose(funded.AddDays(-20));
                a.Members.Add(new ActivityMember { MigrantId = m.Id, RegionId = m.RegionId });
                a.Approve(1000, 60, "ok", funded.AddDays(-10));
                a.AddTranche(500, funded, null, "R");
                if (visitAtTwelve)
                {
                    a.RecordVisit(funded.AddMonths(6), true, 100, 50, null);
                    a.RecordVisit(funded.AddMonths(12), true, 100, 50, null);
                }
                return a;
            }
            db.IncomeActivities.AddRange(
                Activity(people[0], Today.AddMonths(-13), true),
                Activity(people[1], Today.AddDays(-2), false),
                Activity(people[2], Today.AddDays(-2), false));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A regional manager of the region, signed in with the demo password.</summary>
    private async Task<string> ManagerOfAsync(string regionCode)
    {
        var email = $"{regionCode.ToLowerInvariant()}.dash.manager@migrantaid.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var region = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync());
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Délégué " + regionCode, RegionId = region, CreatedAt = TimeProvider.System.GetUtcNow() };
            DemoDataSeeder.Check(await users.CreateAsync(user, DemoDataSeeder.DemoPassword));
            DemoDataSeeder.Check(await users.AddToRoleAsync(user, "RegionalManager"));
        }
        return email;
    }

    private async Task<Dictionary<string, JsonElement>> ChartsAsync(string email, string? regionCode = null)
    {
        await ArrangeAsync();
        await app.RefreshFiguresAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        var region = regionCode is null ? "" : "&regionId=" + await app.WithDbAsync(db => db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync());
        var html = await client.GetTextAsync("/Dashboard?period=Month" + region);
        return new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/json'][id^='chart-data-']")
            .ToDictionary(s => s.Id!["chart-data-".Length..], s => JsonDocument.Parse(s.TextContent).RootElement.Clone());
    }

    private static double[] Values(JsonElement chart, int series) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double ValueOf(JsonElement chart, string label, int series = 0) =>
        Values(chart, series)[Array.IndexOf(chart.GetProperty("labels").EnumerateArray().Select(v => v.GetString()).ToArray(), label)];

    [Fact]
    public async Task A_regional_manager_sees_the_aid_and_activities_of_their_region_only()
    {
        var rabat = await ChartsAsync(await ManagerOfAsync("SM"));
        Assert.Equal(1, ValueOf(rabat["aid-kinds"], "Vivres"));
        Assert.Equal(1, ValueOf(rabat["aid-kinds"], "Couvertures"));
        Assert.Equal(2, Values(rabat["aid-reached"], 0).Sum());
        Assert.Equal(10, Values(rabat["aid-reached"], 1).Sum());
        Assert.Equal(1, Values(rabat["activities-flow"], 0)[2]);
        Assert.Equal([1, 1], Values(rabat["activities-survival"], 0));

        var tanger = await ChartsAsync(await ManagerOfAsync("DT"));
        Assert.Equal(1, ValueOf(tanger["aid-kinds"], "Vivres"));
        Assert.Equal(0, ValueOf(tanger["aid-kinds"], "Couvertures"));
        Assert.Equal(0, Values(tanger["aid-reached"], 0).Sum());
        Assert.Equal(30, Values(tanger["aid-reached"], 1).Sum());
        Assert.Equal(1, Values(tanger["activities-flow"], 0)[2]);
        Assert.Equal([0, 0], Values(tanger["activities-survival"], 0));
    }

    [Fact]
    public async Task National_roles_pick_a_region_or_add_up_all_and_directors_get_no_aid_or_activity_section()
    {
        var sm = await ChartsAsync(DemoAccounts.National, "SM");
        Assert.Equal(1, ValueOf(sm["aid-kinds"], "Vivres"));
        Assert.Equal(10, Values(sm["aid-reached"], 1).Sum());
        Assert.Equal(2, Values(sm["activities-status"], 0).Sum());
        var dt = await ChartsAsync(DemoAccounts.National, "DT");
        Assert.Equal(30, Values(dt["aid-reached"], 1).Sum());
        var all = await ChartsAsync(DemoAccounts.National);
        Assert.True(Values(all["aid-reached"], 1).Sum() >= 40);
        Assert.True(Values(all["activities-status"], 0).Sum() >= 3);

        var director = await ChartsAsync(DemoAccounts.AlkariDirector);
        Assert.DoesNotContain(director.Keys, k => k.StartsWith("aid-", StringComparison.Ordinal) || k.StartsWith("activities-", StringComparison.Ordinal));
    }
}
