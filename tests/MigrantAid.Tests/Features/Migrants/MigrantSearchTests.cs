using Microsoft.EntityFrameworkCore;
using System.Net;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static string Url(string q) => "/Migrants?q=" + Uri.EscapeDataString(q);

    [Theory]
    [InlineData("aissatou dialo")]
    [InlineData("DIALLO Aïssatou")]
    [InlineData("diall aiss")]
    [InlineData("Aissatu")]
    [InlineData("عائشة")]
    [InlineData("ديال")]
    public async Task A_name_is_found_in_any_order_case_accents_script_spelling_and_by_prefix(string q)
    {
        var family = MigrantTestData.UniqueName("Zsearch");
        await app.AddMigrantAsync("RSK", "Diallo", "Aïssatou " + family, "ديالو", "عَائِشَة");
        var client = await ClientAsync();
        var html = await client.GetTextAsync(Url(q + " " + family));
        Assert.Contains("Aïssatou " + family, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_name_does_not_match_and_the_empty_result_offers_to_register()
    {
        var family = MigrantTestData.UniqueName("Zother");
        await app.AddMigrantAsync("RSK", family, "Mariam");
        var client = await ClientAsync();
        var html = await client.GetTextAsync(Url(family + " Awa"));
        Assert.DoesNotContain("Mariam", html, StringComparison.Ordinal);
        Assert.Contains("Aucun dossier ne correspond à cette recherche.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Migrants/Create\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_phone_or_document_number_finds_the_file()
    {
        var family = MigrantTestData.UniqueName("Znumber");
        var id = await app.AddMigrantAsync("RSK", family, "Bintou", configure: m =>
        {
            m.FileNumber = $"RSK-2019-{Random.Shared.Next(100000, 999999)}";
            m.Phone = "+212 6 61 23 45 67";
            m.ResidenceCardNumber = "RC998877";
            m.UnhcrNumber = "UNHCR554433";
        });
        var fileNumber = await app.WithDbAsync(db => Task.FromResult(db.Migrants.Single(m => m.Id == id).FileNumber));
        var client = await ClientAsync();
        foreach (var q in new[] { fileNumber, fileNumber[..12].ToLowerInvariant(), "0661234567", "+212661234567", "rc-998877", "UNHCR554" })
        {
            Assert.True((await client.GetTextAsync(Url(q))).Contains(family, StringComparison.Ordinal), $"not found by {q}");
        }
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var family = MigrantTestData.UniqueName("Zfilter");
        await app.AddMigrantAsync("RSK", family, "Kadiatou", nationality: "GN", birthYear: TestClock.Today.Year - 30, configure: m => m.AdministrativeStatus = AdministrativeStatus.Refugee);
        await app.AddMigrantAsync("RSK", family, "Seydou", nationality: "ML", birthYear: TestClock.Today.Year - 16, configure: m => m.Sex = Sex.Male);
        var client = await ClientAsync();
        var guinea = await client.GetTextAsync(Url(family) + "&nationalityCode=GN");
        Assert.Contains("Kadiatou", guinea, StringComparison.Ordinal);
        Assert.DoesNotContain("Seydou", guinea, StringComparison.Ordinal);
        var minors = await client.GetTextAsync(Url(family) + "&ageBand=Under18");
        Assert.Contains("Seydou", minors, StringComparison.Ordinal);
        Assert.DoesNotContain("Kadiatou", minors, StringComparison.Ordinal);
        var men = await client.GetTextAsync(Url(family) + "&sex=Male&status=Irregular");
        Assert.DoesNotContain("Seydou", men, StringComparison.Ordinal);
        var refugees = await client.GetTextAsync(Url(family) + "&status=Refugee");
        Assert.Contains("Kadiatou", refugees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_a_stable_order_without_gaps_or_repeats()
    {
        var family = MigrantTestData.UniqueName("Zpage");
        for (var i = 0; i < 30; i++)
        {
            await app.AddMigrantAsync("RSK", family, $"P{i:D2}x");
        }
        var client = await ClientAsync();
        var seen = new List<string>();
        var url = Url(family) + "&sort=Name";
        for (var page = 0; page < 3 && url is not null; page++)
        {
            var html = await client.GetTextAsync(url);
            seen.AddRange(System.Text.RegularExpressions.Regex.Matches(html, @"P\d\dx").Select(m => m.Value));
            var next = System.Text.RegularExpressions.Regex.Match(html, "<a class=\"page-link\" href=\"([^\"]+)\"[^>]*>Suivant");
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"P{i:D2}x"), seen);
    }

    /// <summary>
    /// A first page reads its ids and the result count in one query (up to 201 ids): at the page
    /// boundaries (25, 26, 200, 201 files) the count, the next link and the following pages are
    /// the same as with a separate count, in every order, forwards and back.
    /// </summary>
    [Theory]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(201)]
    public async Task The_count_and_pages_are_right_at_the_page_boundaries(int files)
    {
        var family = MigrantTestData.UniqueName("Zbound");
        await app.WithDbAsync(async db =>
        {
            var region = await db.Regions.SingleAsync(r => r.Code == "RSK");
            var country = await db.Countries.SingleAsync(c => c.Code == "SN");
            for (var i = 0; i < files; i++)
            {
                var m = new Migrant
                {
                    FileNumber = $"RSK-B-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}", FamilyName = family, GivenName = $"G{i:D3}x",
                    Sex = Sex.Female, BirthYear = 1990, NationalityId = country.Id, RegionId = region.Id, ConsentGiven = true,
                };
                m.UpdateSearchKeys();
                db.Migrants.Add(m);
            }
            await db.SaveChangesAsync();
        });
        // Another region's namesake is neither listed nor counted.
        await app.AddMigrantAsync("TTA", family, "Tangeroise");
        var client = await ClientAsync();
        var expectedCount = files > 200 ? "Plus de 200 dossiers" : $"{files} dossiers";
        foreach (var sort in new[] { "Recent", "Name", "FileNumber" })
        {
            var seen = new List<string>();
            var url = Url(family) + "&sort=" + sort;
            string? last = null;
            var pages = 0;
            while (url is not null)
            {
                var html = await client.GetTextAsync(url);
                Assert.Contains(expectedCount, html, StringComparison.Ordinal);
                Assert.DoesNotContain("Tangeroise", html, StringComparison.Ordinal);
                var rows = System.Text.RegularExpressions.Regex.Matches(html, @"G\d{3}x").Select(m => m.Value).ToList();
                Assert.InRange(rows.Count, 1, 25);
                seen.AddRange(rows);
                pages++;
                last = html;
                var next = System.Text.RegularExpressions.Regex.Match(html, "<a class=\"page-link\" href=\"([^\"]+)\"[^>]*>Suivant");
                url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            }
            Assert.Equal(files, seen.Count);
            Assert.Equal(files, seen.Distinct().Count());
            Assert.Equal((files + 24) / 25, pages);
            if (sort == "Name")
            {
                Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
            }
            // Back from the last page: the previous page is the one before, whole.
            var previous = System.Text.RegularExpressions.Regex.Match(last!, "<a class=\"page-link\" href=\"([^\"]+)\"[^>]*>Précédent");
            if (pages > 1)
            {
                var back = await client.GetTextAsync(WebUtility.HtmlDecode(previous.Groups[1].Value));
                var backRows = System.Text.RegularExpressions.Regex.Matches(back, @"G\d{3}x").Select(m => m.Value).ToList();
                Assert.Equal(seen.Skip((pages - 2) * 25).Take(25), backRows);
            }
            else
            {
                Assert.False(previous.Success);
            }
        }
    }

    [Fact]
    public async Task Files_of_another_region_are_not_listed()
    {
        var family = MigrantTestData.UniqueName("Zregion");
        await app.AddMigrantAsync("TTA", family, "Tangeroise");
        var rabat = await (await ClientAsync()).GetTextAsync(Url(family));
        Assert.DoesNotContain("Tangeroise", rabat, StringComparison.Ordinal);
        var tanger = await (await ClientAsync(DemoAccounts.TangerSocial)).GetTextAsync(Url(family));
        Assert.Contains("Tangeroise", tanger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_search_stays_inside_the_region_too()
    {
        // Number search unites several index lookups into candidate ids; the row scope must
        // still apply to every one of them.
        var family = MigrantTestData.UniqueName("Znumregion");
        await app.AddMigrantAsync("TTA", family, "Tangeroise", configure: m => { m.Phone = "0677123987"; m.UnhcrNumber = "UNHCR-771-55"; });
        await app.AddMigrantAsync("RSK", family, "Rbatia", configure: m => m.Phone = "0677123988");
        var rabat = await ClientAsync();
        foreach (var q in new[] { "067712398", "TTA-T", "UNHCR77155", "771" })
        {
            var page = await rabat.GetTextAsync($"/Migrants?q={Uri.EscapeDataString(q)}");
            Assert.DoesNotContain("Tangeroise", page, StringComparison.Ordinal);
        }
        Assert.Contains("Rbatia", await rabat.GetTextAsync("/Migrants?q=067712398"), StringComparison.Ordinal);
        Assert.Contains("Tangeroise", await (await ClientAsync(DemoAccounts.TangerSocial)).GetTextAsync("/Migrants?q=067712398"), StringComparison.Ordinal);
    }
}
