using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Audit;

/// <summary>The audit trail reads in the auditor's words: labels, file numbers, e-mails, enum labels.</summary>
public sealed class AuditReadabilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(string FileNumber, HttpClient Admin)> RegisteredFileAsync(string family, string given)
    {
        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.RabatSocial);
        var (response, id) = await social.RegisterAsync(MigrantTestData.Form(await app.RegionIdAsync("RSK"), family, given,
            more: [("Phone", "+212 612 345 678")]));
        Assert.True(id is not null, $"registration failed: {response.StatusCode}");
        var fileNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FileNumber).SingleAsync());
        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        return (fileNumber, admin);
    }

    [Fact]
    public async Task A_registration_shows_labels_the_file_number_the_author_and_enum_labels()
    {
        var (fileNumber, admin) = await RegisteredFileAsync("Ndiaye", "Awa");
        var html = await admin.GetTextAsync($"/Admin/Audit?EntityType=Migrant&EntityKey={fileNumber}&culture=fr");
        var page = new HtmlParser().ParseDocument(html);
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Création", StringComparison.Ordinal));
        var text = row.TextContent;
        Assert.Contains("Dossier migrant", text, StringComparison.Ordinal);
        Assert.Contains(fileNumber, text, StringComparison.Ordinal);
        Assert.Contains("Téléphone", text, StringComparison.Ordinal);
        Assert.Contains("+212 612 345 678", text, StringComparison.Ordinal);
        Assert.Contains("Femme", text, StringComparison.Ordinal);            // Sex, by its label
        Assert.Contains("Rabat-Salé-Kénitra", text, StringComparison.Ordinal); // RegionId, by its name
        Assert.Contains(DemoAccounts.RabatSocial, text, StringComparison.Ordinal);
        Assert.DoesNotContain("RegisteredById", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FamilyNameKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Migrant " , text.Replace("Dossier migrant", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // No user id (a GUID) anywhere in the row.
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text);

        var english = await TableTextAsync(admin, $"/Admin/Audit?EntityType=Migrant&EntityKey={fileNumber}&culture=en");
        Assert.Contains("Migrant file", english, StringComparison.Ordinal);
        Assert.Contains("Phone:", english, StringComparison.Ordinal);
        Assert.Contains("Sex: ∅ → Female", english, StringComparison.Ordinal);
        var arabic = await TableTextAsync(admin, $"/Admin/Audit?EntityType=Migrant&EntityKey={fileNumber}&culture=ar");
        Assert.Contains("ملف مهاجر", arabic, StringComparison.Ordinal);
        Assert.Contains("الهاتف:", arabic, StringComparison.Ordinal);
        Assert.Contains("الجنس: ∅ → أنثى", arabic, StringComparison.Ordinal);
        Assert.Contains("Sexe\u00a0: ∅ → Femme", await TableTextAsync(admin, $"/Admin/Audit?EntityType=Migrant&EntityKey={fileNumber}&culture=fr"), StringComparison.Ordinal);
    }

    private static async Task<string> TableTextAsync(HttpClient client, string url) =>
        System.Text.RegularExpressions.Regex.Replace(new HtmlParser().ParseDocument(await client.GetTextAsync(url)).QuerySelector("tbody")!.TextContent, "[ \t\r\n]+", " ");

    [Fact]
    public async Task The_record_filter_offers_labelled_kinds_only()
    {
        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var page = new HtmlParser().ParseDocument(await admin.GetTextAsync("/Admin/Audit?culture=fr"));
        var options = page.QuerySelectorAll("#EntityType option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Dossier migrant", options);
        Assert.Contains("Compte utilisateur", options);
        Assert.DoesNotContain(options, o => o.Contains('`', StringComparison.Ordinal) || o == "Endpoint" || o == "Migrant");
    }

    [Fact]
    public async Task The_filtered_view_exports_as_csv_for_excel_in_the_readers_language()
    {
        var (fileNumber, admin) = await RegisteredFileAsync("Kaboré", "Mariam");
        var response = await admin.GetAsync($"/Admin/Audit/Export?EntityType=Migrant&EntityKey={fileNumber}&culture=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.StartsWith("Date;Utilisateur;Action;Enregistrement;", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains($";Dossier migrant;{fileNumber};Téléphone;;+212 612 345 678;", StringComparison.Ordinal));
        // Only the filtered file: every data line names it.
        Assert.All(lines.Skip(1), l => Assert.Contains(fileNumber, l, StringComparison.Ordinal));

        // The exports' one writer: ',' on request, headers in the reader's language (Arabic too).
        var comma = await admin.GetAsync($"/Admin/Audit/Export?EntityType=Migrant&EntityKey={fileNumber}&separator=comma&culture=ar");
        var arabic = Encoding.UTF8.GetString((await comma.Content.ReadAsByteArrayAsync())[3..]).Split('\n')[0];
        Assert.DoesNotContain(";", arabic, StringComparison.Ordinal);
        Assert.Equal(10, arabic.Split(',').Length);
        Assert.DoesNotContain("Utilisateur", arabic, StringComparison.Ordinal);
        Assert.Matches("[\u0600-\u06FF]", arabic);

        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.Forbidden, (await social.GetAsync("/Admin/Audit/Export")).StatusCode);
    }
}
