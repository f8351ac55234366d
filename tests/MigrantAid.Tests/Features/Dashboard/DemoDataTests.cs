using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Dashboard;

/// <summary>The generated demo: the same people for the same seed, the article's story, written once.</summary>
public sealed class DemoDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => MigrantAid.Tests.Infrastructure.TestClock.Today;

    [Fact]
    public void The_same_seed_gives_the_same_people()
    {
        string Json(int seed) => JsonSerializer.Serialize(Enumerable.Range(0, 300).Select(i => DemoPeople.Generate(seed, i, Today)).ToList());
        Assert.Equal(Json(2016), Json(2016));
        Assert.NotEqual(Json(2016), Json(2017));

        var people = Enumerable.Range(0, 1000).Select(i => DemoPeople.Generate(2016, i, Today)).ToList();
        Assert.True(people.Count(p => p.RegionCode is "RSK" or "CS" or "TTA" or "ORI") > 800);
        Assert.True(people.Count(p => p.FamilyNameArabic is not null) > 80);
        Assert.Contains(people, p => p.Status == AdministrativeStatus.Refugee && p.UnhcrNumber is not null);
        Assert.Contains(people, p => p.ResidenceCardExpiry is { } e && e <= Today.AddDays(60));
        Assert.Contains(people, p => p.Household.Count > 0);
        Assert.All(people, p => Assert.True(p.RegisteredOn <= Today && p.Notes.All(n => n.Date <= Today)));
    }

    private async Task<Dictionary<string, int>> GenerateAsync(int migrants)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: generate the demo");
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Suppressed = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The app under test turns the demo's people off (Seed:DemoPeople=false); this test turns them on.
        var story = new DemoStory(new ConfigurationBuilder().Build(), TimeProvider.System);
        await story.SeedAsync(db, new DemoDataOptions(migrants), CancellationToken.None);
        return new Dictionary<string, int>
        {
            ["migrants"] = await db.Migrants.CountAsync(),
            ["enrolments"] = await db.Enrolments.CountAsync(),
            ["attendance"] = await db.MonthlyAttendance.CountAsync(),
            ["placements"] = await db.HostPlacements.CountAsync(),
            ["notes"] = await db.CaseNotes.CountAsync(),
            ["needs"] = await db.Needs.CountAsync(),
            ["tokens"] = await db.MigrantNameTokens.CountAsync(),
        };
    }

    [Fact]
    public async Task The_story_and_the_people_are_written_once_and_found_by_the_registry()
    {
        var first = await GenerateAsync(600);
        Assert.Equal(600, first["migrants"]);
        Assert.Equal(first, await GenerateAsync(600));

        await app.WithDbAsync(async db =>
        {
            var alkari = await db.TrainingCentres.SingleAsync(c => c.Code == DemoDataSeeder.AlkariCode);
            var cohort = db.Enrolments.Where(e => e.TrainingCentreId == alkari.Id && e.AcademicYear == 2016);
            Assert.Equal(DemoStory.AlkariApprentices2016, await cohort.CountAsync());
            Assert.Equal(5, await cohort.Select(e => e.TradeId).Distinct().CountAsync());
            Assert.Equal(2, await cohort.Select(e => e.DiplomaTrackId).Distinct().CountAsync());
            Assert.True(await db.HostPlacements.CountAsync(p => cohort.Any(e => e.Id == p.EnrolmentId) && p.SharePercent == 80) >= 60);
            var hostKinds = await db.HostProfessionals.Where(h => h.RegionId == alkari.RegionId && h.City == "Rabat").Select(h => h.Kind).Distinct().ToListAsync();
            Assert.Contains(HostKind.Garage, hostKinds);
            Assert.Contains(HostKind.Workshop, hostKinds);
            Assert.Contains(HostKind.Salon, hostKinds);
            var reasons = await cohort.Where(e => e.Status == EnrolmentStatus.DroppedOut).Select(e => e.DropoutReason!.Value).ToListAsync();
            Assert.True(reasons.Count(r => r is DropoutReason.NeedsIncomeBegging or DropoutReason.NeedsIncomeInformalWork) > reasons.Count / 2);
            Assert.True(await cohort.CountAsync(e => e.Status == EnrolmentStatus.Certified) > 30);
            Assert.True(await cohort.CountAsync(e => e.Outcome != null) > 20);
            Assert.True(await db.MonthlyAttendance.CountAsync(a => cohort.Any(e => e.Id == a.EnrolmentId)) > 500);

            // Today: applications waiting, attendance to enter, apprentices at risk, other centres at work.
            var year = AcademicYear.Of(Today);
            var now = db.Enrolments.Where(e => e.TrainingCentreId == alkari.Id && e.AcademicYear == year);
            Assert.True(await now.CountAsync(e => e.Status == EnrolmentStatus.Applied) >= 5);
            var (dueYear, dueMonth) = RiskList.MonthDue(Today);
            Assert.True(await now.CountAsync(e => e.Status == EnrolmentStatus.Active && !e.Attendance.Any(a => a.Year == dueYear && a.Month == dueMonth)) >= 3);
            Assert.True(await db.Enrolments.Where(e => e.TrainingCentreId != alkari.Id && e.AcademicYear == year).Select(e => e.TrainingCentreId).Distinct().CountAsync() >= 4);
            Assert.True(await db.Migrants.CountAsync(m => m.FamilyNameArabic != null) > 50);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: read the risk list");
            var alkari = (await app.CentreAsync()).Id;
            Assert.True((await scope.ServiceProvider.GetRequiredService<RiskList>().ForAsync(alkari, null, CancellationToken.None)).Count >= 3);
        }

        // A demo person is found by the registry's search, as any registered file.
        var person = await app.WithDbAsync(db => db.Migrants.Where(m => m.Region!.Code == "RSK" && m.FamilyNameArabic != null)
            .OrderBy(m => m.Id).Select(m => new { m.FileNumber, m.FamilyName, m.FamilyNameArabic }).FirstAsync());
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.Contains(person.FileNumber, await client.GetTextAsync("/Migrants?Q=" + WebUtility.UrlEncode(person.FamilyName)), StringComparison.Ordinal);
        Assert.Contains(person.FileNumber, await client.GetTextAsync("/Migrants?Q=" + WebUtility.UrlEncode(person.FamilyNameArabic)), StringComparison.Ordinal);
        Assert.StartsWith("RSK-", person.FileNumber, StringComparison.Ordinal);
    }
}
