using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using System.Security.Claims;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantImportExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "FamilyName;GivenName;FamilyNameArabic;GivenNameArabic;Sex;BirthYear;NationalityCode;RegionId;City;AdministrativeStatus;RegularisationYear;ResidenceCardNumber;ConsentGiven";

    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string fileName = "import.csv") =>
        UploadAsync(client, Encoding.UTF8.GetBytes(csv), fileName);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, Dictionary<string, string>? fields = null) =>
        await client.SubmitFormAsync("/Migrants/Import", fields, files: new Dictionary<string, UploadFile> { ["file"] = new(fileName, file) });

    /// <summary>Confirms on the preview page the app answered, with that page's own confirmation form.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, HttpResponseMessage preview, bool includeDuplicates = false) =>
        await (await client.FormOnAsync(preview, "/Migrants/Import/Confirm"))
            .SubmitAsync(includeDuplicates ? new Dictionary<string, string> { ["includeDuplicates"] = "true" } : null);

    private string BigCsv(int rows, int rsk)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Progres{i:D5};Awa;;;Female;1990;SN;{rsk};Rabat;Unknown;;;true\n");
        }
        return csv.ToString();
    }

    private sealed class Recorder : IProgress<(int Done, int Total)>
    {
        public List<(int Done, int Total)> Seen { get; } = [];
        public void Report((int Done, int Total) value) => Seen.Add(value);
    }

    [Fact]
    public async Task Checking_a_large_file_reports_steady_progress_up_to_the_total()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.RabatSocial).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        // The import service as a request of the Rabat social worker would use it.
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, "SocialWorker"),
                new Claim(MigrantAid.Web.Infrastructure.Auth.AppClaimTypes.RegionId, rsk.ToString(CultureInfo.InvariantCulture)),
            ], "test")),
        };
        var import = scope.ServiceProvider.GetRequiredService<MigrantAid.Web.Features.Migrants.MigrantImport>();
        var bytes = Encoding.UTF8.GetBytes(BigCsv(2000, rsk));
        using var stream = new MemoryStream(bytes);
        var token = await import.StoreAsync(new FormFile(stream, 0, bytes.Length, "file", "big.csv"), CancellationToken.None);
        var recorder = new Recorder();
        var report = await import.PreviewAsync(token!.Value, CancellationToken.None, recorder);
        Assert.True(report.Total == 2000 && report.Errors == 0, $"{report.Total} rows, {report.Errors} errors");
        var total = recorder.Seen[^1].Total;
        Assert.True(total > 2000, $"total {total}");
        Assert.Equal(total, recorder.Seen[^1].Done);
        Assert.True(recorder.Seen.Count(p => p.Done > 0 && p.Done < total) >= 5, string.Join(" ", recorder.Seen));
        Assert.Equal(recorder.Seen.Select(p => p.Done).Order(), recorder.Seen.Select(p => p.Done));
        await import.DiscardAsync(token.Value, CancellationToken.None);
    }

    [Fact]
    public async Task The_progress_of_an_upload_is_readable_by_its_owner_only()
    {
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, Encoding.UTF8.GetBytes(BigCsv(300, await app.RegionIdAsync("RSK"))), "big.csv",
            new Dictionary<string, string> { ["progressId"] = "progress-test-0001" });
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var final = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/Migrants/Import/Progress/progress-test-0001")).RootElement;
        Assert.True(final.GetProperty("total").GetInt32() > 300);
        Assert.Equal(final.GetProperty("total").GetInt32(), final.GetProperty("done").GetInt32());
        var other = await ClientAsync(DemoAccounts.TangerSocial);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/Migrants/Import/Progress/progress-test-0001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Migrants/Import/Progress/never-started-01")).StatusCode);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_reported_row_by_row_and_nothing_is_written()
    {
        var family = MigrantTestData.UniqueName("Bad");
        var csv = $"""
            {Header}
            {family};Awa;;;Female;1990;SN;RSK;Rabat;Unknown;;;oui
            {family};;;;Female;1991;SN;RSK;Rabat;Unknown;;;oui
            {family};Binta;;;Femme;1992;XX;RSK;Rabat;Unknown;;;oui
            {family};Coumba;;;Female;1993;SN;TTA;Tanger;Unknown;;;oui
            """;
        var client = await ClientAsync();
        var response = await UploadAsync(client, csv);
        var html = await response.ReadTextAsync();
        Assert.Contains("4 lignes : 1 à créer, 0 doublons possibles, 3 en erreur.", html, StringComparison.Ordinal);
        Assert.Contains("Indiquez le prénom.", html, StringComparison.Ordinal);
        // "Femme" is what a French office writes: accepted; the unknown country is said once, with what to write instead.
        Assert.DoesNotContain("« Femme »", html, StringComparison.Ordinal);
        Assert.Contains("Nationalité : « XX » n'est pas un pays connu. Écrivez le nom du pays (ex. Sénégal) ou son code ISO (ex. SN ou SEN).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nationalité inconnue", html, StringComparison.Ordinal);
        Assert.Contains("Vous ne pouvez enregistrer des dossiers que dans votre région.", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">3</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Migrants/Import/Confirm", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == family)));
    }

    [Fact]
    public async Task A_clean_file_is_previewed_then_imported_whole_with_duplicates_left_out()
    {
        var family = MigrantTestData.UniqueName("Good");
        await app.AddMigrantAsync("RSK", family, "Existing", nationality: "CM", birthYear: 1980);
        var csv = $"""
            {Header}
            {family};Aïssatou;ديالو;عائشة;Female;1996;GN;RSK;Rabat;Unknown;;;oui
            "{family}";"Mamadou, dit Papis";;;Male;1988;SN;;Salé;Regularised;2017;RC-IMP-1;true
            {family};Existing;;;Female;1981;CM;RSK;Rabat;Unknown;;;oui
            """;
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, csv);
        var preview = await uploaded.ReadTextAsync();
        Assert.Contains("3 lignes : 2 à créer, 1 doublons possibles, 0 en erreur.", preview, StringComparison.Ordinal);
        Assert.Contains("Peut-être le dossier", preview, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == family)));

        var confirmed = await ConfirmAsync(client, uploaded);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var files = await app.WithDbAsync(db => db.Migrants.Where(m => m.FamilyName == family).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(3, files.Count);
        Assert.Equal("Mamadou, dit Papis", files[2].GivenName);
        Assert.Equal("RCIMP1", files[2].ResidenceCardNumber);
        Assert.All(files.Skip(1), f => Assert.Matches($"^RSK-{TestClock.Today.Year}-\\d{{6}}$", f.FileNumber));
        Assert.Contains(family, await client.GetTextAsync("/Migrants?q=" + Uri.EscapeDataString("aissatou dialo " + family)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task If_a_row_became_invalid_after_the_preview_the_confirmation_writes_nothing()
    {
        var family = MigrantTestData.UniqueName("Race");
        var csv = $"""
            {Header}
            {family};Un;;;Female;1990;SN;RSK;Rabat;Regularised;2014;RC-RACE-1;oui
            {family};Deux;;;Female;1970;SN;RSK;Rabat;Regularised;2014;RC-RACE-2;oui
            """;
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, csv);
        var preview = await uploaded.ReadTextAsync();
        Assert.Contains("2 à créer", preview, StringComparison.Ordinal);
        // Meanwhile someone registers a person with the second row's residence card.
        await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Other"), "Card", configure: m => m.ResidenceCardNumber = "RCRACE2");
        var refused = await ConfirmAsync(client, uploaded);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ce numéro de carte de séjour figure déjà dans le dossier", await refused.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == family)));
    }

    [Fact]
    public async Task An_Excel_file_is_imported_like_a_CSV()
    {
        var family = MigrantTestData.UniqueName("Excel");
        using var file = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new[]
        {
            new Dictionary<string, object?> { ["FamilyName"] = family, ["GivenName"] = "Khadija", ["Sex"] = "Female", ["BirthDate"] = new DateTime(1994, 5, 17),
                ["NationalityCode"] = "CM", ["RegionId"] = "RSK", ["ConsentGiven"] = "true", ["Vulnerabilities"] = "SingleParent;Homeless" },
        });
        var client = await ClientAsync();
        var uploaded = await UploadAsync(client, file.ToArray(), "registre.xlsx");
        var preview = await uploaded.ReadTextAsync();
        Assert.Contains("1 lignes : 1 à créer, 0 doublons possibles, 0 en erreur.", preview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, uploaded)).StatusCode);
        var m = await app.WithDbAsync(db => db.Migrants.SingleAsync(x => x.FamilyName == family));
        Assert.Equal(new DateOnly(1994, 5, 17), m.BirthDate);
        Assert.Equal(Vulnerability.SingleParent | Vulnerability.Homeless, m.Vulnerabilities);
    }

    [Fact]
    public async Task Two_rows_with_one_document_number_are_refused()
    {
        var family = MigrantTestData.UniqueName("Twin");
        var csv = $"""
            {Header}
            {family};Un;;;Female;1990;SN;RSK;Rabat;Regularised;2014;RC-TWIN;oui
            {family};Deux;;;Female;1970;SN;RSK;Rabat;Regularised;2014;rc twin;oui
            """;
        var html = await (await UploadAsync(await ClientAsync(), csv)).ReadTextAsync();
        Assert.Contains("identique à celui de la ligne 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_streams_the_current_search_with_only_the_fields_the_role_may_see()
    {
        var family = MigrantTestData.UniqueName("Export");
        await app.AddMigrantAsync("RSK", family, "Fatou", configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Refugee;
            m.UnhcrNumber = "UNHCR-EXPORT-1";
            m.Vulnerabilities = Vulnerability.Homeless;
        });
        await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("NotInSearch"), "Other");
        var social = await ClientAsync();
        var response = await social.GetAsync("/Migrants/Export?q=" + family);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes0 = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes0[..3]);
        var csv = Encoding.UTF8.GetString(bytes0[3..]);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // For Excel in a French locale: ';' and the headers and values as the user reads them.
        Assert.StartsWith("N° de dossier;Nom de famille;Prénom", lines[0], StringComparison.Ordinal);
        Assert.Contains("N° HCR", lines[0], StringComparison.Ordinal);
        Assert.Contains("UNHCR-EXPORT-1", lines[1], StringComparison.Ordinal);
        Assert.Contains(";Sans abri", lines[1], StringComparison.Ordinal);
        Assert.Contains(";Rabat-Salé-Kénitra;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";Réfugié(e) reconnu(e) par le HCR;", lines[1], StringComparison.Ordinal);
        var comma = await social.GetStringAsync("/Migrants/Export?separator=comma&q=" + family);
        Assert.StartsWith("N° de dossier,Nom de famille,Prénom", comma.TrimStart('\uFEFF'), StringComparison.Ordinal);

        var xlsx = await social.GetAsync("/Migrants/Export?format=xlsx&q=" + family);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        using var sheet = new MemoryStream(bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Single(rows);
        Assert.Equal("UNHCR-EXPORT-1", rows[0]["N° HCR"]);
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "MigrantExport" && a.UserName == DemoAccounts.RabatSocial && a.EntityKey!.Contains(family))));
    }

    [Fact]
    public async Task Export_columns_follow_the_role_and_partners_get_nothing()
    {
        var partner = await ClientAsync(DemoAccounts.PartnerEu);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/Migrants/Export")).StatusCode);
        // Centre directors see no file outside their apprentices, and never the sensitive columns.
        var director = await ClientAsync(DemoAccounts.AlkariDirector);
        var header = (await director.GetStringAsync("/Migrants/Export")).TrimStart('\uFEFF').Split('\n')[0];
        Assert.StartsWith("N° de dossier;Nom de famille", header, StringComparison.Ordinal);
        foreach (var column in new[] { "Situation administrative", "N° de carte de séjour", "N° HCR", "Vulnérabilités", "Année de la campagne" })
        {
            Assert.DoesNotContain(column, header, StringComparison.Ordinal);
        }
    }
}
