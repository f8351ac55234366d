using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>
/// The import's stored analysis (the confirmation imports what the preview showed, re-checked
/// against files registered since), duplicates across scripts (registration and import), the
/// consents a file records, and the nationalities it brings into the lists. Own class: the
/// nationalities and names used here are in no other test's registry.
/// </summary>
public sealed class ImportAnalysisTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv) =>
        await client.SubmitFormAsync("/Migrants/Import", files: new Dictionary<string, UploadFile> { ["file"] = new("registre.csv", Encoding.UTF8.GetBytes(csv)) });

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, HttpResponseMessage preview, bool includeDuplicates = false) =>
        await (await client.FormOnAsync(preview, "/Migrants/Import/Confirm"))
            .SubmitAsync(includeDuplicates ? new Dictionary<string, string> { ["includeDuplicates"] = "true" } : null);

    private const string Header = "Nom de famille;Prénom;Sexe;Année de naissance (si la date est inconnue);Nationalité;Région;Consentement recueilli";

    [Fact]
    public async Task Registration_warns_of_the_same_person_registered_in_the_other_script_both_ways()
    {
        var client = await ClientAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var (_, latin) = await client.RegisterAsync(Form(rsk, "Traoré", "Mohamed", nationality: "TD", birthYear: "1977"));
        Assert.NotNull(latin);
        var latinNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == latin).Select(m => m.FileNumber).SingleAsync());

        // Arabic script after Latin.
        var (warned, none) = await client.RegisterAsync(Form(rsk, "تراوري", "محمد", nationality: "TD", birthYear: "1978"));
        Assert.Null(none);
        var html = await warned.ReadTextAsync();
        Assert.Contains("Cette personne est peut-être déjà enregistrée", html, StringComparison.Ordinal);
        Assert.Contains(latinNumber, html, StringComparison.Ordinal);

        // Latin script after Arabic.
        var (_, arabic) = await client.RegisterAsync(Form(rsk, "كوني", "عائشة", nationality: "TD", birthYear: "1985"));
        Assert.NotNull(arabic);
        var arabicNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == arabic).Select(m => m.FileNumber).SingleAsync());
        var (warned2, none2) = await client.RegisterAsync(Form(rsk, "Koné", "Aïcha", nationality: "TD", birthYear: "1985"));
        Assert.Null(none2);
        Assert.Contains(arabicNumber, await warned2.ReadTextAsync(), StringComparison.Ordinal);

        // Same skeleton, same script: not a cross-script duplicate (Mahmoud is not Mohamed).
        var (_, other) = await client.RegisterAsync(Form(rsk, "Tiraour", "Mahmoud", nationality: "TD", birthYear: "1977"));
        Assert.NotNull(other);
    }

    [Fact]
    public async Task The_preview_flags_a_row_written_in_the_other_script_than_the_registered_file_both_ways()
    {
        await app.AddMigrantAsync("RSK", "تراوري", "محمد", nationality: "NE", birthYear: 1971);
        await app.AddMigrantAsync("RSK", "Koné", "Aïcha", nationality: "NE", birthYear: 1982);
        var csv = $"""
            {Header}
            Traoré;Mohamed;M;1971;Niger;RSK;oui
            كوني;عائشة;F;1983;Niger;RSK;oui
            Camara;Mohamed;M;1971;Niger;RSK;oui
            """;
        var client = await ClientAsync();
        var html = await (await UploadAsync(client, csv)).ReadTextAsync();
        Assert.Contains("3 lignes : 1 à créer, 2 doublons possibles, 0 en erreur.", html, StringComparison.Ordinal);
        Assert.Contains("Peut-être le dossier RSK-T-", html, StringComparison.Ordinal);
        Assert.Contains("(تراوري محمد)", html, StringComparison.Ordinal);
        Assert.Contains("(Koné Aïcha)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_French_file_records_the_consents_it_states_per_purpose()
    {
        var family = UniqueName("Consent");
        var csv = $"""
            Nom de famille;Prénom;Sexe;Année de naissance (si la date est inconnue);Nationalité;Région;Consentement recueilli;Date du consentement (suivi du dossier);Forme du consentement (suivi du dossier);Date du consentement (contact par téléphone);Forme du consentement (contact par téléphone);Date du consentement (rapports des conventions);Forme du consentement (rapports des conventions)
            {family};Awa;F;1990;Sénégal;RSK;oui;15/10/2026;Oral, devant témoin;15/10/2026;signé;;
            {family};Moussa;M;1991;Sénégal;RSK;oui;;;;;2026-11-02;formulaire signé
            {family};Binta;F;1992;Sénégal;RSK;oui;;;01/01/2030;;;
            """;
        var client = await ClientAsync();
        var html = await (await UploadAsync(client, csv)).ReadTextAsync();
        Assert.Contains("3 lignes : 2 à créer, 0 doublons possibles, 1 en erreur.", html, StringComparison.Ordinal);
        Assert.Contains("Date du consentement (contact par téléphone) : « 01/01/2030 » est une date à venir", html, StringComparison.Ordinal);

        var fixedCsv = csv.Replace(";01/01/2030;", ";;", StringComparison.Ordinal);
        var uploaded = await UploadAsync(client, fixedCsv);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, uploaded)).StatusCode);
        var consents = await app.WithDbAsync(db => db.Consents.Where(c => c.Migrant!.FamilyName == family)
            .Select(c => new { c.Migrant!.GivenName, c.Purpose, c.GivenOn, c.Method, c.RecordedById, c.RegionId, MigrantRegion = c.Migrant.RegionId })
            .ToListAsync());
        var today = TestClock.Today;
        Assert.Equal(
            [
                ("Awa", ConsentPurpose.CaseManagement, new DateOnly(2026, 10, 15), ConsentMethod.OralWithWitness),
                ("Awa", ConsentPurpose.PhoneContact, new DateOnly(2026, 10, 15), ConsentMethod.SignedForm),
                ("Binta", ConsentPurpose.CaseManagement, today, ConsentMethod.SignedForm),
                ("Moussa", ConsentPurpose.CaseManagement, today, ConsentMethod.SignedForm),
                ("Moussa", ConsentPurpose.ConventionReporting, new DateOnly(2026, 11, 2), ConsentMethod.SignedForm),
            ],
            consents.Select(c => (c.GivenName, c.Purpose, c.GivenOn, c.Method)).OrderBy(c => c.GivenName).ThenBy(c => c.Purpose));
        Assert.All(consents, c => Assert.NotNull(c.RecordedById));
        Assert.All(consents, c => Assert.Equal(c.MigrantRegion, c.RegionId));
    }

    [Fact]
    public async Task The_template_offers_the_consent_columns()
    {
        var client = await ClientAsync();
        var text = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/Migrants/Import/Template")).TrimStart('\uFEFF');
        Assert.Contains(";Date du consentement (suivi du dossier);Forme du consentement (suivi du dossier);Date du consentement (contact par téléphone)", text, StringComparison.Ordinal);
        var ar = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/Migrants/Import/Template?culture=ar")).TrimStart('\uFEFF');
        Assert.Contains("تاريخ الموافقة (الاتصال الهاتفي)", ar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_nationality_comes_first_in_the_lists_at_once()
    {
        var client = await ClientAsync();
        static List<string> Present(string html)
        {
            var list = Regex.Match(html, "<select id=\"NationalityCode\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
            var present = Regex.Match(list, "<optgroup label=\"Nationalités présentes dans le registre\">(.*?)</optgroup>", RegexOptions.Singleline).Groups[1].Value;
            return Regex.Matches(present, "value=\"([A-Z]{2})\"").Select(m => m.Groups[1].Value).ToList();
        }
        // The list is read (and cached) before the import.
        Assert.DoesNotContain("BT", Present(await client.GetTextAsync("/Migrants/Create?culture=fr")));
        var uploaded = await UploadAsync(client, $"{Header}\n{UniqueName("Bhutan")};Tashi;M;1990;BT;RSK;oui\n");
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, uploaded)).StatusCode);
        Assert.Contains("BT", Present(await client.GetTextAsync("/Migrants/Create?culture=fr")));
    }

    [Fact]
    public async Task A_file_registered_between_preview_and_confirm_sends_the_user_back_to_the_updated_report()
    {
        var family = UniqueName("Meanwhile");
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, $"{Header}\n{family};Awa;F;1990;Mali;RSK;oui\n{family};Oumou;F;1992;Mali;RSK;oui\n");
        Assert.Contains("2 lignes : 2 à créer, 0 doublons possibles, 0 en erreur.", await uploaded.ReadTextAsync(), StringComparison.Ordinal);
        // A colleague registers Awa meanwhile.
        var (_, registered) = await client.RegisterAsync(Form(await app.RegionIdAsync("RSK"), family, "Awa", nationality: "ML", birthYear: "1990"));
        Assert.NotNull(registered);
        var number = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == registered).Select(m => m.FileNumber).SingleAsync());

        var refused = await ConfirmAsync(client, uploaded);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.ReadTextAsync();
        Assert.Contains("Des dossiers enregistrés depuis la vérification ont changé le rapport", html, StringComparison.Ordinal);
        Assert.Contains("2 lignes : 1 à créer, 1 doublons possibles, 0 en erreur.", html, StringComparison.Ordinal);
        Assert.Contains($"Peut-être le dossier {number}", html, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == family)));

        // Confirmed from the updated report, without the duplicate: Oumou only.
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, refused)).StatusCode);
        Assert.Equal(["Awa", "Oumou"], await app.WithDbAsync(db => db.Migrants.Where(m => m.FamilyName == family).OrderBy(m => m.GivenName).Select(m => m.GivenName).ToListAsync()));
        // The analysis (personal data) is gone once imported.
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportRows.CountAsync(r => r.Name.StartsWith(family))));
    }

    [Fact]
    public async Task A_file_larger_than_one_insert_batch_imports_whole_with_distinct_numbers_and_once()
    {
        var family = UniqueName("Batch");
        var csv = new StringBuilder(Header).Append('\n');
        // Digits one word each: a name key writes "44" as "4" (doubled letters single).
        for (var i = 0; i < 2100; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{family};Awa {string.Join(' ', i.ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray())};F;{1960 + (i % 40)};Guinée;RSK;oui\n");
        }
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, csv.ToString());
        var preview = await uploaded.ReadTextAsync();
        Assert.True(preview.Contains("2100 lignes : 2100 à créer, 0 doublons possibles, 0 en erreur.", StringComparison.Ordinal),
            Regex.Match(preview, "<p role=\"status\">[^<]*</p>").Value + Regex.Match(preview, "table-warning.{0,600}", RegexOptions.Singleline).Value);
        var form = await client.FormOnAsync(uploaded, "/Migrants/Import/Confirm");
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync()).StatusCode);
        var numbers = await app.WithDbAsync(db => db.Migrants.Where(m => m.FamilyName == family).Select(m => m.FileNumber).ToListAsync());
        Assert.Equal(2100, numbers.Count);
        Assert.Equal(2100, numbers.Distinct().Count());
        Assert.Equal(2100, await app.WithDbAsync(db => db.Consents.CountAsync(c => c.Migrant!.FamilyName == family && c.Purpose == ConsentPurpose.CaseManagement)));
    }
}
