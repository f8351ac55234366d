using System.Globalization;
using System.Net;
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
/// The dashboards over a small known dataset: three files and two enrolments in Rabat, two
/// files and one enrolment in Tanger, all this month. Each viewer counts only what they may see.
/// </summary>
public sealed class DashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string TangerManager = "tanger.manager@migrantaid.test";
    private static DateOnly Today => MigrantAid.Tests.Infrastructure.TestClock.Today;

    private async Task ArrangeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Migrants.AnyAsync(m => m.FamilyName == "Rabatdash"))
            {
                return;
            }
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var tta = await db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync();
            var sn = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            Migrant File(int region, string family, int n, AdministrativeStatus status, Vulnerability v = Vulnerability.None)
            {
                var m = new Migrant
                {
                    FileNumber = $"DASH-{family[..3]}-{n}", FamilyName = family, GivenName = "Awa" + n, Sex = Sex.Female, BirthYear = 1995,
                    NationalityId = sn, RegionId = region, AdministrativeStatus = status, Vulnerabilities = v,
                };
                m.UpdateSearchKeys();
                db.Migrants.Add(m);
                return m;
            }
            var r1 = File(rsk, "Rabatdash", 1, AdministrativeStatus.Regularised, Vulnerability.Homeless);
            var r2 = File(rsk, "Rabatdash", 2, AdministrativeStatus.Refugee);
            File(rsk, "Rabatdash", 3, AdministrativeStatus.Irregular);
            var t1 = File(tta, "Tangerdash", 1, AdministrativeStatus.Irregular);
            File(tta, "Tangerdash", 2, AdministrativeStatus.Irregular);
            await db.SaveChangesAsync();
            db.Needs.Add(new Need { MigrantId = r1.Id, RegionId = rsk, Kind = NeedKind.Income, Status = NeedStatus.Open, OpenedOn = Today });
            db.Needs.Add(new Need { MigrantId = t1.Id, RegionId = tta, Kind = NeedKind.Housing, Status = NeedStatus.Referred, OpenedOn = Today, ReferredOn = Today });

            var alkari = await db.TrainingCentres.AsNoTracking().SingleAsync(c => c.Code == DemoDataSeeder.AlkariCode);
            var tanger = await db.TrainingCentres.AsNoTracking().Where(c => c.RegionId == tta).OrderBy(c => c.Id).FirstAsync();
            var track = await db.DiplomaTracks.AsNoTracking().SingleAsync(t => t.Code == DiplomaTrack.Apprenticeship);
            var alu = await db.Trades.Where(t => t.Code == "ALU").Select(t => t.Id).SingleAsync();
            var year = AcademicYear.Of(Today);
            Enrolment Start(Migrant m, TrainingCentre c)
            {
                var e = Enrolment.Apply(m.Id, c, alu, track, year, Today, Today);
                e.Accept(Today);
                e.Activate(Today);
                db.Enrolments.Add(e);
                return e;
            }
            var e1 = Start(r1, alkari);
            e1.Attendance.Add(new MonthlyAttendance { TrainingCentreId = alkari.Id, RegionId = rsk, Year = Today.Year, Month = Today.Month, CentreDaysExpected = 4, CentreDaysPresent = 3, HostDaysExpected = 16, HostDaysPresent = 12 });
            Start(r2, alkari).DropOut(Today, DropoutReason.NeedsIncomeInformalWork);
            var e3 = Start(t1, tanger);
            e3.Attendance.Add(new MonthlyAttendance { TrainingCentreId = tanger.Id, RegionId = tta, Year = Today.Year, Month = Today.Month, CentreDaysExpected = 10, CentreDaysPresent = 10 });
            e3.DropOut(Today, DropoutReason.FoundWork);
            await db.SaveChangesAsync();
        });
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(TangerManager) is null)
        {
            var tta = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync());
            var user = new ApplicationUser { UserName = TangerManager, Email = TangerManager, EmailConfirmed = true, DisplayName = "Délégué Tanger", RegionId = tta, CreatedAt = TimeProvider.System.GetUtcNow() };
            DemoDataSeeder.Check(await users.CreateAsync(user, DemoDataSeeder.DemoPassword));
            DemoDataSeeder.Check(await users.AddToRoleAsync(user, "RegionalManager"));
        }
        await app.RefreshFiguresAsync();
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        await ArrangeAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    /// <summary>The charts of a page, from their JSON data blocks (what the script draws).</summary>
    private static Dictionary<string, JsonElement> Charts(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        return doc.QuerySelectorAll("script[type='application/json'][id^='chart-data-']")
            .ToDictionary(s => s.Id!["chart-data-".Length..], s => JsonDocument.Parse(s.TextContent).RootElement.Clone());
    }

    private static double[] Values(JsonElement chart, int series) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static string[] Labels(JsonElement chart) => chart.GetProperty("labels").EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static double ValueOf(JsonElement chart, string label, int series = 0) => Values(chart, series)[Array.IndexOf(Labels(chart), label)];

    [Fact]
    public async Task A_regional_manager_counts_their_region_only()
    {
        var rabat = await SignedInAsync(DemoAccounts.RabatManager);
        var page = await rabat.GetAsync("/Dashboard?period=Month");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var charts = Charts(await page.ReadTextAsync());
        Assert.Equal(3, Values(charts["registrations"], 0).Sum());
        Assert.Equal(1, ValueOf(charts["status"], "Régularisé(e)"));
        Assert.Equal(1, ValueOf(charts["vulnerabilities"], Labels(charts["vulnerabilities"]).Single(l => l.StartsWith("Sans", StringComparison.Ordinal))));
        Assert.Equal(1, Enumerable.Range(0, charts["needs"].GetProperty("series").GetArrayLength()).Sum(i => Values(charts["needs"], i).Sum()));
        Assert.Equal([0, 1, 0, 0, 0, 0, 0], Values(charts["dropouts"], 0));
        Assert.Equal([75], Values(charts["attendance"], 0));
        Assert.Equal(2, ValueOf(charts["completions"], "Entrées en formation"));
        Assert.False(charts.ContainsKey("regions"));

        var tanger = await SignedInAsync(TangerManager);
        var theirs = Charts(await tanger.GetTextAsync("/Dashboard?period=Month"));
        Assert.Equal(2, Values(theirs["registrations"], 0).Sum());
        Assert.Equal(0, ValueOf(theirs["status"], "Régularisé(e)"));
        Assert.Equal(0, Values(theirs["vulnerabilities"], 0).Sum());
        Assert.Equal([0, 0, 1, 0, 0, 0, 0], Values(theirs["dropouts"], 0));
        Assert.Equal([100], Values(theirs["attendance"], 0));
        Assert.Equal(1, ValueOf(theirs["completions"], "Entrées en formation"));
        // Asking for Rabat, or for a Rabat centre, answers 404.
        var rsk = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync());
        var alkari = await app.WithDbAsync(db => db.TrainingCentres.Where(c => c.Code == DemoDataSeeder.AlkariCode).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync($"/Dashboard?regionId={rsk}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync($"/Dashboard?centreId={alkari}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync($"/Dashboard/Download?chart=dropouts&centreId={alkari}")).StatusCode);
    }

    [Fact]
    public async Task National_roles_see_the_regions_side_by_side_and_pick_one()
    {
        var national = await SignedInAsync(DemoAccounts.National);
        var charts = Charts(await national.GetTextAsync("/Dashboard?period=Month"));
        var regions = charts["regions"];
        Assert.Equal(3, ValueOf(regions, "Rabat-Salé-Kénitra"));
        Assert.Equal(2, ValueOf(regions, "Tanger-Tétouan-Al Hoceïma"));
        Assert.Equal(5, Values(charts["registrations"], 0).Sum());

        var tta = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync());
        var tanger = Charts(await national.GetTextAsync($"/Dashboard?period=Month&regionId={tta}"));
        Assert.False(tanger.ContainsKey("regions"));
        Assert.Equal(2, Values(tanger["registrations"], 0).Sum());
    }

    [Fact]
    public async Task A_director_sees_their_centre_without_people_figures_and_managers_drill_down()
    {
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var html = await director.GetTextAsync("/Dashboard?period=Month");
        var charts = Charts(html);
        Assert.False(charts.ContainsKey("registrations"));
        Assert.False(charts.ContainsKey("vulnerabilities"));
        Assert.Equal([0, 1, 0, 0, 0, 0, 0], Values(charts["dropouts"], 0));
        var other = await app.WithDbAsync(db => db.TrainingCentres.Where(c => c.Code != DemoDataSeeder.AlkariCode).Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Dashboard?centreId={other}")).StatusCode);

        // The regional manager drills down from the region's centres to Alkari.
        var rabat = await SignedInAsync(DemoAccounts.RabatManager);
        var region = new HtmlParser().ParseDocument(await rabat.GetTextAsync("/Dashboard?period=Month"));
        var link = region.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("centreId=", StringComparison.Ordinal));
        var centre = Charts(await rabat.GetTextAsync(WebUtility.HtmlDecode(link)));
        Assert.Equal([0, 1, 0, 0, 0, 0, 0], Values(centre["dropouts"], 0));
        Assert.False(centre.ContainsKey("registrations"));
    }

    [Theory]
    [InlineData(DemoAccounts.RabatSocial)]
    [InlineData(DemoAccounts.PartnerEu)]
    public async Task Roles_without_dashboards_are_refused(string email)
    {
        var client = await SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Dashboard")).StatusCode);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task Every_chart_has_the_same_figures_in_its_table(string culture)
    {
        var national = await SignedInAsync(DemoAccounts.National);
        var html = await national.GetTextAsync($"/Dashboard?period=AcademicYear&culture={culture}");
        var doc = new HtmlParser().ParseDocument(html);
        var charts = Charts(html);
        Assert.True(charts.Count >= 8, string.Join(", ", charts.Keys));
        foreach (var (id, chart) in charts)
        {
            var table = doc.QuerySelector($"table[data-chart-table='{id}']");
            Assert.NotNull(table);
            var rows = table.QuerySelectorAll("tbody tr").ToList();
            Assert.Equal(Labels(chart), rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToArray());
            var seriesCount = chart.GetProperty("series").GetArrayLength();
            for (var s = 0; s < seriesCount; s++)
            {
                // A month still to come has no figure: null in the chart, "—" (read out as "not yet") in the table.
                var column = rows.Select(r => r.QuerySelectorAll("td")[s].GetAttribute("data-value") is { Length: > 0 } v
                    ? double.Parse(v, CultureInfo.InvariantCulture) : (double?)null).ToArray();
                var values = chart.GetProperty("series")[s].GetProperty("values").EnumerateArray()
                    .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
                Assert.Equal(values, column);
            }
            Assert.NotNull(doc.QuerySelector($"canvas[data-chart='chart-data-{id}']"));
        }
        // The academic year 2026/2027 on 16 November 2026: September to November have figures, December to August not yet.
        var registrations = charts["registrations"].GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.ValueKind).ToArray();
        Assert.Equal(Enumerable.Repeat(JsonValueKind.Number, 3).Concat(Enumerable.Repeat(JsonValueKind.Null, 9)), registrations);
        Assert.All(charts["registrations"].GetProperty("series")[1].GetProperty("values").EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
        var future = doc.QuerySelectorAll("table[data-chart-table='registrations'] tbody tr")[^1].QuerySelectorAll("td")[0];
        Assert.Equal("—" + (culture == "ar" ? "لم يحن بعد" : "pas encore"), future.TextContent.Trim());
        Assert.Contains(culture == "ar" ? "dir=\"rtl\"" : "dir=\"ltr\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard.", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_chart_downloads_as_csv_and_xlsx()
    {
        var tanger = await SignedInAsync(TangerManager);
        var csv = await tanger.GetAsync("/Dashboard/Download?chart=dropouts&period=Month&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.ReadTextAsync()).Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(8, lines.Length);
        Assert.Contains("A trouvé un emploi;1;0", lines);
        var xlsx = await tanger.GetAsync("/Dashboard/Download?chart=dropouts&period=Month&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync("/Dashboard/Download?chart=nothing")).StatusCode);
    }

    [Fact]
    public async Task Each_role_opens_on_its_work()
    {
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        var home = WebUtility.HtmlDecode(await social.GetTextAsync("/"));
        Assert.Contains("Rechercher un dossier", home, StringComparison.Ordinal);
        Assert.Contains("Enregistrer une personne", home, StringComparison.Ordinal);
        // The centre's alert: a Rabat apprentice left to earn a living.
        Assert.Contains("Rabatdash Awa2", home, StringComparison.Ordinal);
        Assert.Contains("Besoins et orientations en cours dans votre région : 1", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Tangerdash", home, StringComparison.Ordinal);
        Assert.DoesNotContain("217 centres", home, StringComparison.Ordinal);

        var tangerSocial = await SignedInAsync(DemoAccounts.TangerSocial);
        Assert.DoesNotContain("Rabatdash", await tangerSocial.GetTextAsync("/"), StringComparison.Ordinal);

        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var directorHome = WebUtility.HtmlDecode(await director.GetTextAsync("/"));
        Assert.Contains("Candidatures à accepter : 0", directorHome, StringComparison.Ordinal);
        Assert.Contains("Apprentis sans entreprise d'accueil : 1", directorHome, StringComparison.Ordinal);

        var manager = await SignedInAsync(DemoAccounts.RabatManager);
        var managerHome = WebUtility.HtmlDecode(await manager.GetTextAsync("/"));
        Assert.Contains("Le tableau de bord de votre région en bref", managerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Rechercher un dossier", managerHome, StringComparison.Ordinal);

        var national = await SignedInAsync(DemoAccounts.National);
        Assert.Contains("Le tableau de bord national en bref", WebUtility.HtmlDecode(await national.GetTextAsync("/")), StringComparison.Ordinal);
    }
}
