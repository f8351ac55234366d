using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure.Auth;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>
/// Issue 13: a name search is planned from its words' candidate counts (start from the rarest
/// word and check the others on each candidate; walk the scope's newest files for one common
/// word). Whatever the plan, the same people are found, in the same order, in the same scope as
/// by listing every word's candidates. The tests lower the "common word" threshold so that a
/// few dozen files take the paths a million take.
/// </summary>
public sealed class MigrantSearchPlanTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Sorts = ["Recent", "Name", "FileNumber"];

    [Fact]
    public async Task Every_plan_finds_the_same_people_in_the_same_order_in_every_scope()
    {
        // One stem shared by every file of this test ("common"), plus words some files share.
        var stem = UniqueName("Zplan");
        string[] given = ["Aïssatou", "Mohamed", "Fatoumata", "Moussa", "Awa"];
        string?[] arabic = ["عائشة", "محمد", null, "موسى", null];
        // 240 files: more than a first page and its count (201) in the country, fewer in each region.
        var ids = await app.WithDbAsync(async db =>
        {
            var regions = await db.Regions.Where(r => r.Code == "RSK" || r.Code == "TTA").ToDictionaryAsync(r => r.Code, r => r.Id);
            var country = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            var files = new List<Migrant>();
            for (var i = 0; i < 240; i++)
            {
                var m = new Migrant
                {
                    FileNumber = $"PLN-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}", FamilyName = i % 4 == 0 ? stem + "dia" : stem + "kon",
                    GivenName = given[i % given.Length] + (i % 2 == 0 ? "" : " Aminata"), GivenNameArabic = arabic[i % arabic.Length],
                    Sex = Sex.Female, BirthYear = 1990, NationalityId = country, RegionId = regions[i % 3 == 2 ? "TTA" : "RSK"], ConsentGiven = true,
                };
                m.UpdateSearchKeys();
                files.Add(m);
            }
            db.Migrants.AddRange(files);
            await db.SaveChangesAsync();
            return files.Select(f => f.Id).ToList();
        });
        var rsk = await app.RegionIdAsync("RSK");
        var centre = await app.WithDbAsync(db => db.TrainingCentres.Where(c => c.RegionId == rsk).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        foreach (var id in ids.Where((_, i) => i % 25 == 1))
        {
            await app.EnrolmentAsync(id, centre);
        }
        string[] queries =
        [
            stem, stem + "dia", stem + "k", $"{stem} aissatou", $"aminata {stem}", $"{stem} a", $"{stem} محمد", $"محمد {stem}kon aminata",
            $"{stem} zzzz", $"{stem}dia moussa",
        ];
        var scopes = new (string Role, int? Region, int? Centre)[]
        {
            (Roles.SocialWorker, rsk, null), (Roles.RegionalManager, await app.RegionIdAsync("TTA"), null),
            (Roles.NationalManager, null, null), (Roles.CentreDirector, rsk, centre),
        };
        int walked = 0, fellBack = 0;
        foreach (var (role, region, centreId) in scopes)
        {
            await using var db = Db(role, region, centreId);
            var user = User(role, region, centreId);
            foreach (var q in queries)
            {
                foreach (var sort in Sorts)
                {
                    foreach (var (threshold, window) in new[] { (3, 4), (3, 1_000), (1_000, 1_000) })
                    {
                        var unplanned = new MigrantSearch { Q = q, Sort = Enum.Parse<MigrantSort>(sort) };
                        var planned = new MigrantSearch { Q = q, Sort = Enum.Parse<MigrantSort>(sort) };
                        await planned.PlanAsync(db, user.Scope, threshold, window, default);
                        var walks = planned.Walks;
                        var (expected, _) = await PageIds(db, unplanned, user);
                        var (actual, walkedToTheEnd) = await PageIds(db, planned, user);
                        Assert.True(expected.SequenceEqual(actual), $"{role} '{q}' {sort} threshold {threshold} window {window}: [{string.Join(",", expected)}] vs [{string.Join(",", actual)}]");
                        walked += walks ? 1 : 0;
                        fellBack += walks && !walkedToTheEnd ? 1 : 0;
                    }
                }
            }
        }
        // The common-word walk was taken in some of these searches, and made again from the candidates in some.
        Assert.True(walked > fellBack, $"{walked} walks, {fellBack} made again");
        Assert.True(fellBack > 0);
    }

    [Fact]
    public async Task One_common_word_walks_the_regions_files_newest_first_and_a_rare_word_drives_a_longer_search()
    {
        var stem = UniqueName("Zwalk");
        var rare = 0;
        for (var i = 0; i < 6; i++)
        {
            var id = await app.AddMigrantAsync("RSK", stem, i == 0 ? "Rarissime" + stem : "Awa");
            rare = i == 0 ? id : rare;
        }
        var rsk = await app.RegionIdAsync("RSK");
        await using var db = Db(Roles.SocialWorker, rsk, null);
        var user = User(Roles.SocialWorker, rsk, null);

        var common = new MigrantSearch { Q = stem };
        await common.PlanAsync(db, user.Scope, 3, 1_000, default);
        Assert.True(common.Walks);
        var walk = MigrantSearch.ForScope(common.Apply(db, 2026, true), db, user.Scope).ToQueryString();
        Assert.DoesNotContain(" IN (", walk, StringComparison.Ordinal);
        Assert.Contains("\"m\".\"RegionId\" = ", walk, StringComparison.Ordinal);
        Assert.Contains("LIMIT 1000", walk, StringComparison.Ordinal);
        Assert.Contains("EXISTS", walk, StringComparison.Ordinal);

        // Two words: the rare one lists its candidates, the common one is checked on each.
        var both = new MigrantSearch { Q = $"{stem} rarissime{stem}" };
        await both.PlanAsync(db, user.Scope, 3, 1_000, default);
        Assert.False(both.Walks);
        var driven = MigrantSearch.ForScope(both.Apply(db, 2026, true), db, user.Scope).ToQueryString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(driven, @" IN \("));
        Assert.Contains("EXISTS", driven, StringComparison.Ordinal);
        // The one file with both words: the page, its count, the whole list.
        Assert.Equal([rare, -1, 1, 0, -1, rare], (await PageIds(db, both, user)).Ids);
    }

    private static async Task<(List<int> Ids, bool Walked)> PageIds(AppDbContext db, MigrantSearch search, CurrentUser user)
    {
        var (_, page) = await search.PageAsync(db, user.Scope, 2026, true, MigrantsController.PageSize, default);
        var walked = search.Walks;
        // The first page's ids and count, then every id of the search in the page's order (the
        // query of a later page: never a walk, which looks through the newest files only).
        search.StopWalking();
        var query = MigrantSearch.ForScope(search.Apply(db, 2026, true), db, user.Scope);
        var ordered = search.Sort switch
        {
            MigrantSort.Name => query.OrderBy(m => m.FamilyName).ThenBy(m => m.GivenName).ThenBy(m => m.Id),
            MigrantSort.FileNumber => query.OrderBy(m => m.FileNumber),
            _ => query.OrderByDescending(m => m.Id),
        };
        return ([.. page.Ids, -1, page.Count?.Count ?? -2, page.Count?.More == true ? 1 : 0, -1, .. await ordered.Select(m => m.Id).ToListAsync()], walked);
    }

    private static CurrentUser User(string role, int? region, int? centre)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "plan-test"), new(ClaimTypes.Role, role) };
        if (region is { } r)
        {
            claims.Add(new(AppClaimTypes.RegionId, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (centre is { } c)
        {
            claims.Add(new(AppClaimTypes.CentreId, c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new CurrentUser(new FixedHttpContextAccessor(new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) }));
    }

    private SqliteAppDbContext Db(string role, int? region, int? centre)
    {
        // Make sure the app (and so its database) exists before opening the file directly.
        _ = app.Services;
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={app.DatabasePath}").Options;
        return new SqliteAppDbContext(options, null, User(role, region, centre));
    }
}
