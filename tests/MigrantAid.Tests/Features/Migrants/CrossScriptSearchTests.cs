using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>
/// The registry search as a social worker uses it: across scripts, without fallback matches,
/// by file-number prefix, despite invisible characters; with a result count.
/// </summary>
public sealed class CrossScriptSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NoResults = "Aucun dossier ne correspond à cette recherche.";

    private async Task<HttpClient> ClientAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        return client;
    }

    private static string Url(string q) => "/Migrants?q=" + Uri.EscapeDataString(q);

    [Theory]
    [InlineData("Mohamed", "محمد")]
    [InlineData("Muhammad", "محمد")]
    [InlineData("Mohammed", "محمد")]
    [InlineData("Traoré", "تراوري")]
    [InlineData("Aïcha", "عائشة")]
    [InlineData("Mamadou", "مامادو")]
    [InlineData("Fatoumata", "فاطماتا")]
    [InlineData("Ousmane", "عثمان")]
    [InlineData("Ibrahim", "إبراهيم")]
    [InlineData("Moussa", "موسى")]
    [InlineData("Diallo", "ديالو")]
    [InlineData("Kouassi", "كواسي")]
    public async Task A_name_in_one_script_finds_a_person_registered_only_in_the_other(string latin, string arabic)
    {
        // Latin only on file, Arabic query.
        var family = UniqueName("Zlatin");
        await app.AddMigrantAsync("RSK", family, latin);
        // Arabic only on file (the Latin fields hold an unrelated placeholder), Latin query.
        var other = UniqueName("Zarabic");
        await app.AddMigrantAsync("RSK", other, "Nn", givenArabic: arabic);
        var client = await ClientAsync();

        Assert.Contains(family, await client.GetTextAsync(Url(arabic + " " + family)), StringComparison.Ordinal);
        Assert.Contains(other, await client.GetTextAsync(Url(latin + " " + other)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("محمد", "Mamadou")]
    [InlineData("محمد", "Ahmed")]
    [InlineData("تراوري", "Touré")]
    [InlineData("عائشة", "Awa")]
    [InlineData("عائشة", "Chérif")]
    [InlineData("موسى", "Mustapha")]
    [InlineData("ديالو", "Diop")]
    [InlineData("Mamadou", "محمد")]
    [InlineData("Touré", "تراوري")]
    [InlineData("Moussa", "مصطفى")]
    public async Task Unrelated_names_do_not_match_across_scripts(string query, string registered)
    {
        var family = UniqueName("Zunrelated");
        var arabic = registered.Any(c => c >= '\u0600');
        await app.AddMigrantAsync("RSK", family, arabic ? "Nn" : registered, givenArabic: arabic ? registered : null);
        var client = await ClientAsync();
        var html = await client.GetTextAsync(Url(query + " " + family));
        Assert.Contains(NoResults, html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Migrants/Details/", html, StringComparison.Ordinal);
        // The file itself is there, found by its own name.
        Assert.Contains("href=\"/Migrants/Details/", await client.GetTextAsync(Url(registered + " " + family)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zzzz")]
    [InlineData("ZZZZ")]
    [InlineData("ssss")]
    public async Task A_word_that_matches_no_name_finds_nothing(string q)
    {
        // Names a collapsed "zzzz" (one s) would have matched by prefix.
        await app.AddMigrantAsync("RSK", "Sy", "Seydou");
        await app.AddMigrantAsync("RSK", "Sow", "Sokhna", "سو", "سخنة");
        var html = await (await ClientAsync()).GetTextAsync(Url(q));
        Assert.Contains(NoResults, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Seydou", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sokhna", html, StringComparison.Ordinal);
        // The same registry still answers a real name.
        Assert.Contains("Seydou", await (await ClientAsync()).GetTextAsync(Url("Sy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_file_number_lists_the_files_by_prefix_and_a_whole_one_exactly_one()
    {
        var family = UniqueName("Zprefix");
        var year = Random.Shared.Next(3000, 9000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var n in new[] { "000001", "000002", "000123" })
        {
            await app.AddMigrantAsync("RSK", family, "N" + n, configure: m => m.FileNumber = $"RSK-{year}-{n}");
        }
        var client = await ClientAsync();
        var prefix = await client.GetTextAsync(Url($"RSK-{year}-0000"));
        Assert.Contains("N000001", prefix, StringComparison.Ordinal);
        Assert.Contains("N000002", prefix, StringComparison.Ordinal);
        Assert.DoesNotContain("N000123", prefix, StringComparison.Ordinal);
        Assert.Contains("2 dossiers", prefix, StringComparison.Ordinal);

        var whole = await client.GetTextAsync(Url($"rsk-{year}-000123"));
        Assert.Contains("N000123", whole, StringComparison.Ordinal);
        Assert.DoesNotContain("N000001", whole, StringComparison.Ordinal);
        Assert.Contains("1 dossier", whole, StringComparison.Ordinal);
        Assert.Contains("class=\"file-number\"", whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_counts_its_results_in_the_users_language_and_bounds_the_count()
    {
        var family = UniqueName("Zcount");
        for (var i = 0; i < 3; i++)
        {
            await app.AddMigrantAsync("RSK", family, $"C{i}x");
        }
        var client = await ClientAsync();
        Assert.Contains("3 dossiers", await client.GetTextAsync(Url(family) + "&culture=fr"), StringComparison.Ordinal);
        Assert.Contains("3 files", await client.GetTextAsync(Url(family) + "&culture=en"), StringComparison.Ordinal);
        Assert.Contains("عدد الملفات: 3", await client.GetTextAsync(Url(family) + "&culture=ar"), StringComparison.Ordinal);
        // Without a query the count is bounded (never a count of the whole registry).
        await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var sn = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            for (var i = 0; i < MigrantResultCount.Cap + 1; i++)
            {
                var m = new Migrant { FileNumber = "B-" + Guid.NewGuid().ToString("N")[..18], FamilyName = "Bulk" + family, GivenName = "B", RegionId = rsk, NationalityId = sn, BirthYear = 1990, ConsentGiven = true };
                m.UpdateSearchKeys();
                db.Migrants.Add(m);
            }
            await db.SaveChangesAsync();
        });
        var all = await client.GetTextAsync("/Migrants?culture=en");
        Assert.Contains("More than 200 files", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_typed_with_invisible_characters_is_stored_clean_found_and_caught_as_a_duplicate()
    {
        var client = await ClientAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var family = UniqueName("Zinvisible");
        // Zero-width space inside the family name, a right-to-left mark and a soft hyphen in the given name.
        var (_, first) = await client.RegisterAsync(Form(rsk, family[..4] + "\u200B" + family[4..], "Aï\u200Fcha\u00AD", nationality: "ML", birthYear: "1992",
            more: [("GivenNameArabic", "عا\u200Cئشة")]));
        Assert.NotNull(first);
        var stored = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == first).Select(m => new { m.FamilyName, m.GivenName, m.GivenNameArabic }).SingleAsync());
        Assert.Equal(family, stored.FamilyName);
        Assert.Equal("Aïcha", stored.GivenName);
        Assert.Equal("عائشة", stored.GivenNameArabic);
        Assert.Contains(family, await client.GetTextAsync(Url(family + " aicha")), StringComparison.Ordinal);
        Assert.Contains(family, await client.GetTextAsync(Url(family + "\u200D aï\u2066cha")), StringComparison.Ordinal);

        // The same person typed again, with invisible characters elsewhere: the duplicate warning.
        var (warned, second) = await client.RegisterAsync(Form(rsk, "\uFEFF" + family + "\u2069", "A\u200Dïcha", nationality: "ML", birthYear: "1992"));
        Assert.Null(second);
        Assert.Contains("Cette personne est peut-être déjà enregistrée", await warned.ReadTextAsync(), StringComparison.Ordinal);

        // A name of invisible characters only is no name.
        var (empty, none) = await client.RegisterAsync(Form(rsk, "\u200B\u200E", "Awa", nationality: "ML"));
        Assert.Null(none);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Indiquez le nom de famille.", await empty.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_of_files_saved_under_older_rules_are_rebuilt_once_when_the_rules_change()
    {
        var family = UniqueName("Zrebuild");
        var id = await app.AddMigrantAsync("RSK", family, "Mohamed");
        // As an older version left it: no cross-script tokens, an invisible character in the name, an old version mark.
        await app.WithDbAsync(async db =>
        {
            var tokens = await db.MigrantNameTokens.Where(t => t.MigrantId == id).ToListAsync();
            db.MigrantNameTokens.RemoveRange(tokens.Where(t => t.Token.StartsWith(NameKey.LatinSkeletonMark)));
            await db.SaveChangesAsync();
            await db.Migrants.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.GivenName, "Moha\u200Bmed"));
            await db.SearchIndexStates.Where(s => s.Name == SearchIndexState.MigrantNames).ExecuteDeleteAsync();
            db.SearchIndexStates.Add(new SearchIndexState { Name = SearchIndexState.MigrantNames, Version = 1 });
            await db.SaveChangesAsync();
        });
        var client = await ClientAsync();
        Assert.Contains(NoResults, await client.GetTextAsync(Url("محمد " + family)), StringComparison.Ordinal);

        var rebuilt = await app.WithDbAsync(db => SearchKeyRebuild.RunIfOutdatedAsync(db, null, NullLogger.Instance, default));
        Assert.True(rebuilt >= 1);
        Assert.Contains(family, await client.GetTextAsync(Url("محمد " + family)), StringComparison.Ordinal);
        Assert.Equal("Mohamed", await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.GivenName).SingleAsync()));
        // Idempotent: at the current version nothing is done again.
        Assert.Equal(0, await app.WithDbAsync(db => SearchKeyRebuild.RunIfOutdatedAsync(db, null, NullLogger.Instance, default)));
        Assert.Equal(NameKey.Version, await app.WithDbAsync(db => db.SearchIndexStates.Where(s => s.Name == SearchIndexState.MigrantNames).Select(s => s.Version).SingleAsync()));
    }
}

/// <summary>The nationality filter and field list the nationalities present in the user's files first (own class: an empty registry at start).</summary>
public sealed class NationalitiesFirstTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Nationalities_present_in_the_users_region_come_first_in_the_filter_and_the_form()
    {
        // Countries no demo file has.
        await app.AddMigrantAsync("RSK", UniqueName("Znat"), "Awa", nationality: "IS");
        await app.AddMigrantAsync("RSK", UniqueName("Znat"), "Awa", nationality: "FJ");
        // Another region's nationality is not "present" for a Rabat social worker.
        await app.AddMigrantAsync("TTA", UniqueName("Znat"), "Awa", nationality: "NZ");
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        foreach (var (url, select) in new[] { ("/Migrants?culture=fr", "nationalityCode"), ("/Migrants/Create?culture=fr", "NationalityCode") })
        {
            var html = await client.GetTextAsync(url);
            var list = Regex.Match(html, $"<select id=\"{select}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
            var present = Regex.Match(list, "<optgroup label=\"Nationalités présentes dans le registre\">(.*?)</optgroup>", RegexOptions.Singleline).Groups[1].Value;
            var codes = Regex.Matches(present, "value=\"([A-Z]{2})\"").Select(m => m.Groups[1].Value).ToList();
            // Fidji before Islande (alphabetical in French), Nouvelle-Zélande among the others.
            Assert.True(codes.IndexOf("FJ") >= 0 && codes.IndexOf("FJ") < codes.IndexOf("IS"), string.Join(",", codes));
            Assert.DoesNotContain("NZ", codes);
            var others = list[list.IndexOf("<optgroup label=\"Autres pays\">", StringComparison.Ordinal)..];
            Assert.Contains("value=\"NZ\"", others, StringComparison.Ordinal);
        }
    }
}
