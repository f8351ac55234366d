using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantRegistrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> SocialWorkerAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        return client;
    }

    [Fact]
    public async Task Missing_required_fields_are_explained_and_what_was_typed_is_kept()
    {
        var client = await SocialWorkerAsync();
        var response = await client.SubmitFormAsync("/Migrants/Create?culture=fr", new Dictionary<string, string>
        {
            ["FamilyName"] = "Koné", ["GivenName"] = "", ["BirthYear"] = "19x5", ["Phone"] = "+212 6 12 34 56 78", ["NationalityCode"] = "",
        }, "/Migrants/Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("Indiquez le prénom.", html, StringComparison.Ordinal);
        Assert.Contains("Indiquez le sexe.", html, StringComparison.Ordinal);
        Assert.Contains("Indiquez la nationalité.", html, StringComparison.Ordinal);
        Assert.Contains("Le consentement de la personne doit être recueilli", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Koné\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"19x5\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"+212 6 12 34 56 78\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"GivenName-error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == "Koné")));
    }

    [Fact]
    public async Task Messages_are_in_the_users_language()
    {
        var client = await SocialWorkerAsync();
        await client.GetAsync("/?culture=ar");
        var response = await client.SubmitFormAsync("/Migrants/Create", new Dictionary<string, string> { ["FamilyName"] = "" });
        var html = await response.ReadTextAsync();
        Assert.Contains("أدخل الاسم العائلي.", html, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_social_worker_cannot_register_a_file_in_another_region()
    {
        var client = await SocialWorkerAsync();
        var tanger = await app.RegionIdAsync("TTA");
        var (response, id) = await client.RegisterAsync(Form(tanger, UniqueName("Scope"), "Awa"));
        Assert.Null(id);
        Assert.Contains("Vous ne pouvez enregistrer des dossiers que dans votre région.", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_nationality_code_is_refused()
    {
        var client = await SocialWorkerAsync();
        var (response, id) = await client.RegisterAsync(Form(await app.RegionIdAsync("RSK"), UniqueName("Nat"), "Awa", nationality: "QQ"));
        Assert.Null(id);
        Assert.Contains("Nationalité inconnue", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_file_gets_a_number_of_its_region_and_year_and_opens()
    {
        var client = await SocialWorkerAsync();
        var family = UniqueName("Numero");
        var (_, id) = await client.RegisterAsync(Form(await app.RegionIdAsync("RSK"), family, "Fatou", more: [("FamilyNameArabic", "ديالو"), ("Phone", "0612345678")]));
        Assert.NotNull(id);
        var fileNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FileNumber).SingleAsync());
        Assert.Matches(new Regex($@"^RSK-{TestClock.Today.Year}-\d{{6}}$"), fileNumber);
        var page = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains(fileNumber, page, StringComparison.Ordinal);
        Assert.Contains(family, page, StringComparison.Ordinal);
        Assert.Contains("ديالو", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simultaneous_registrations_in_one_region_get_distinct_consecutive_numbers()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await SocialWorkerAsync());
        }
        var results = await Task.WhenAll(clients.Select((c, i) => c.RegisterAsync(Form(rsk, UniqueName("Concurrent"), "Ami", birthYear: (1980 + (i * 5)).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.All(results, r => Assert.NotNull(r.Id));
        var ids = results.Select(r => r.Id!.Value).ToList();
        var numbers = await app.WithDbAsync(db => db.Migrants.Where(m => ids.Contains(m.Id)).Select(m => m.FileNumber).ToListAsync());
        Assert.Equal(4, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith($"RSK-{TestClock.Today.Year}-", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_simultaneous_registrations_take_consecutive_numbers_from_the_counter_without_a_collision()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await SocialWorkerAsync());
        }
        var results = await Task.WhenAll(clients.Select((c, i) => c.RegisterAsync(Form(rsk, UniqueName("Parallel"), "Ami",
            birthYear: (1960 + (i * 4)).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.All(results, r => Assert.NotNull(r.Id));
        var ids = results.Select(r => r.Id!.Value).ToList();
        var prefix = $"RSK-{TestClock.Today.Year}-";
        var numbers = await app.WithDbAsync(db => db.Migrants.Where(m => ids.Contains(m.Id)).Select(m => m.FileNumber).ToListAsync());
        var sequence = numbers.Select(n => int.Parse(n[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        // Consecutive (other tests of this class may register between two of them only if they run at once: none does).
        Assert.Equal(8, sequence.Distinct().Count());
        var counter = await app.WithDbAsync(db => db.FileNumberCounters.Where(c => c.Prefix == prefix).Select(c => c.Last).SingleAsync());
        Assert.True(counter >= sequence[^1], $"counter {counter} behind {sequence[^1]}");
    }

    [Fact]
    public async Task A_number_given_outside_the_counter_is_skipped_and_the_registration_goes_through()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var client = await SocialWorkerAsync();
        var (_, first) = await client.RegisterAsync(Form(rsk, UniqueName("Counter"), "Awa"));
        Assert.NotNull(first);
        var prefix = $"RSK-{TestClock.Today.Year}-";
        var last = await app.WithDbAsync(db => db.FileNumberCounters.Where(c => c.Prefix == prefix).Select(c => c.Last).SingleAsync());
        // The next two numbers of the sequence are taken by files written by other means (a restored copy, an old import).
        var taken = new[] { last + 1, last + 2 }.Select(n => prefix + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var number in taken)
        {
            await app.AddMigrantAsync("RSK", UniqueName("Outside"), "Awa", configure: m => m.FileNumber = number);
        }
        var (response, second) = await client.RegisterAsync(Form(rsk, UniqueName("Counter"), "Binta"));
        Assert.True(second is not null, await response.Content.ReadAsStringAsync());
        var number2 = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == second).Select(m => m.FileNumber).SingleAsync());
        Assert.DoesNotContain(number2, taken);
        Assert.StartsWith(prefix, number2, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(number2, taken[^1]) > 0, number2);
    }

    [Fact]
    public async Task A_transliteration_variant_is_shown_as_a_possible_duplicate_and_a_confirmed_new_person_is_recorded()
    {
        var client = await SocialWorkerAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var (_, first) = await client.RegisterAsync(Form(rsk, "Traoré", "Mohamed", nationality: "ML", birthYear: "1990"));
        Assert.NotNull(first);
        var existing = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == first).Select(m => m.FileNumber).SingleAsync());

        var variant = Form(rsk, "TRAORE", "Muhammad", nationality: "ML", birthYear: "1991");
        var (warned, none) = await client.RegisterAsync(variant);
        Assert.Null(none);
        var html = await warned.ReadTextAsync();
        Assert.Contains("Cette personne est peut-être déjà enregistrée", html, StringComparison.Ordinal);
        Assert.Contains(existing, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Migrants/Details/{first}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Muhammad\"", html, StringComparison.Ordinal);

        var (_, second) = await client.ConfirmNewPersonAsync(warned);
        Assert.NotNull(second);
        Assert.Equal(existing, await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == second).Select(m => m.ConfirmedNotDuplicateOf).SingleAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Migrant" && a.EntityKey == second.ToString() && a.Action == Web.Domain.AuditAction.Created).Select(a => a.Changes).SingleAsync());
        Assert.Contains("ConfirmedNotDuplicateOf", audit!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_duplicate_warning_for_another_nationality_or_a_distant_birth_year()
    {
        var client = await SocialWorkerAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var family = UniqueName("Distinct");
        Assert.NotNull((await client.RegisterAsync(Form(rsk, family, "Aminata", nationality: "GN", birthYear: "1990"))).Id);
        Assert.NotNull((await client.RegisterAsync(Form(rsk, family, "Aminata", nationality: "CI", birthYear: "1990"))).Id);
        Assert.NotNull((await client.RegisterAsync(Form(rsk, family, "Aminata", nationality: "GN", birthYear: "1993"))).Id);
    }

    [Fact]
    public async Task Names_in_Arabic_script_are_matched_for_duplicates_without_tashkeel()
    {
        var client = await SocialWorkerAsync();
        var rsk = await app.RegionIdAsync("RSK");
        Assert.NotNull((await client.RegisterAsync(Form(rsk, UniqueName("Arabe"), "Fatima", nationality: "SD", birthYear: "1988",
            more: [("FamilyNameArabic", "إبراهيم"), ("GivenNameArabic", "فاطمة")]))).Id);
        var (warned, id) = await client.RegisterAsync(Form(rsk, UniqueName("Autre"), "Fatma", nationality: "SD", birthYear: "1989",
            more: [("FamilyNameArabic", "ابراهيم"), ("GivenNameArabic", "فَاطِمه")]));
        Assert.Null(id);
        Assert.Contains("Cette personne est peut-être déjà enregistrée", await warned.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_residence_card_or_UNHCR_number_blocks_the_save_even_when_confirmed()
    {
        var client = await SocialWorkerAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var family = UniqueName("Carte");
        var (_, first) = await client.RegisterAsync(Form(rsk, family, "Ousmane", birthYear: "1985",
            more: [("AdministrativeStatus", "Regularised"), ("RegularisationYear", "2017"), ("ResidenceCardNumber", "RC 123-456")]));
        Assert.NotNull(first);
        var existing = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == first).Select(m => m.FileNumber).SingleAsync());

        // The page offers no "this is a new person" button for a card already on file; added by hand, it does not lift the block.
        var blocked = await (await client.GetFormAsync("/Migrants/Create")).SubmitTamperedAsync(Form(rsk, family, "Ousmane", birthYear: "1985",
            more: [("ResidenceCardNumber", "rc123456"), ("ConfirmNotDuplicate", "true")]));
        Assert.NotEqual(HttpStatusCode.Redirect, blocked.StatusCode);
        var html = await blocked.ReadTextAsync();
        Assert.Contains($"Ce numéro de carte de séjour figure déjà dans le dossier {existing}", html, StringComparison.Ordinal);

        var (_, refugee) = await client.RegisterAsync(Form(rsk, UniqueName("Hcr"), "Idriss", birthYear: "1992",
            more: [("AdministrativeStatus", "Refugee"), ("UnhcrNumber", "UNHCR-777")]));
        Assert.NotNull(refugee);
        var (blocked2, none2) = await client.RegisterAsync(Form(rsk, UniqueName("Hcr"), "Idriss", birthYear: "1960", more: [("UnhcrNumber", "unhcr 777")]));
        Assert.Null(none2);
        Assert.Contains("Ce numéro HCR figure déjà dans le dossier", await blocked2.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoAccounts.National)]
    [InlineData(DemoAccounts.PartnerEu)]
    [InlineData(DemoAccounts.AlkariDirector)]
    public async Task Roles_that_may_not_register_cannot_open_the_form(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        var response = await client.GetAsync("/Migrants/Create");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
