using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Distributions;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Distributions;

/// <summary>
/// Registered recipients found by the registry search (by name, in scope) and added in one
/// click, or by a file number typed or scanned from a beneficiary card's QR code; the double-aid
/// warning applies on every path. Recipient lists in the encodings and separators older Excel writes.
/// </summary>
public sealed class RecipientSearchScanTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<int> DistributionAsync(AidKind kind, DateOnly date, int? recipient = null) =>
        app.WithDbAsync(async db =>
        {
            var region = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var d = new AidDistribution
            {
                Date = date, Site = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = region }, RegionId = region, Kind = kind,
                PlannedQuantity = 50, ActualQuantity = 45, Unit = "colis", PlannedRecipients = 50, DistributedBy = "Équipe", UnregisteredMen = 10,
            };
            if (recipient is { } r)
            {
                d.Recipients.Add(new AidRecipient { MigrantId = r, RegionId = region });
            }
            db.AidDistributions.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

    private Task<int> RecipientsAsync(int distribution) => app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == distribution));

    [Fact]
    public async Task A_person_found_by_name_in_the_users_scope_is_added_in_one_click()
    {
        var family = MigrantTestData.UniqueName("Search");
        var rabat = await app.AddMigrantAsync("RSK", family, "Awa");
        var tanger = await app.AddMigrantAsync("TTA", family, "Binta");
        var id = await DistributionAsync(AidKind.Food, Today.AddDays(-1));
        var social = await ClientAsync(DemoAccounts.RabatSocial);

        var url = $"/Distributions/Details/{id}?q={Uri.EscapeDataString("awa " + family)}";
        var page = await social.GetTextAsync(url);
        Assert.Contains(await app.FileNumberAsync(rabat), page, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.FileNumberAsync(tanger), page, StringComparison.Ordinal);
        var search = new HtmlParser().ParseDocument(page).QuerySelector("form[role=search]")!;
        Assert.Equal("get", search.GetAttribute("method"));
        Assert.NotNull(search.QuerySelector("label[for=q]"));

        var added = await social.SubmitFormAsync(url, form: $"form[data-migrant='{rabat}']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(1, await RecipientsAsync(id));
        var again = await social.GetTextAsync(url);
        Assert.Contains("Déjà sur la liste", again, StringComparison.Ordinal);
        Assert.Null(new HtmlParser().ParseDocument(again).QuerySelector($"form[data-migrant='{rabat}']"));

        Assert.Contains("Aucun dossier ne correspond", await social.GetTextAsync($"/Distributions/Details/{id}?q=Zzqxw"), StringComparison.Ordinal);
        Assert.Contains("Tapez au moins deux lettres.", await social.GetTextAsync($"/Distributions/Details/{id}?q=Z"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_double_aid_warning_applies_to_a_person_added_from_the_search_and_to_a_scanned_card()
    {
        var family = MigrantTestData.UniqueName("Again");
        var migrant = await app.AddMigrantAsync("RSK", family, "Coumba");
        var earlier = await DistributionAsync(AidKind.Blankets, Today.AddDays(-10), migrant);
        var id = await DistributionAsync(AidKind.Blankets, Today.AddDays(-1));
        var social = await ClientAsync(DemoAccounts.RabatSocial);

        var warned = await social.SubmitFormAsync($"/Distributions/Details/{id}?q={family}", form: $"form[data-migrant='{migrant}']");
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = await warned.ReadTextAsync();
        Assert.Contains("a déjà reçu ce type d'aide", html, StringComparison.Ordinal);
        Assert.Contains($"/Distributions/Details/{earlier}", html, StringComparison.Ordinal);
        Assert.Equal(0, await RecipientsAsync(id));

        // The same decision form follows: the reason is recorded with the earlier distribution.
        var decided = await (await social.FormOnAsync(warned, "form[data-scan-form]")).SubmitAsync(new Dictionary<string, string> { ["RepeatReason"] = "Nuit de grand froid" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var recorded = await app.WithDbAsync(db => db.AidRecipients.AsNoTracking().SingleAsync(r => r.AidDistributionId == id));
        Assert.Equal((earlier, "Nuit de grand froid"), (recorded.EarlierDistributionId, recorded.RepeatReason));

        // A card scanned on another distribution of the same kind warns too.
        var third = await DistributionAsync(AidKind.Blankets, Today);
        var scanned = await social.SubmitFormAsync($"/Distributions/Details/{third}", new Dictionary<string, string> { ["FileNumber"] = await app.FileNumberAsync(migrant) }, "form[data-scan-form]");
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        Assert.Contains("a déjà reçu ce type d'aide", await scanned.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RecipientsAsync(third));
    }

    /// <summary>What a scanner set to a US layout types on a computer set to French AZERTY.</summary>
    private static string ThroughAzerty(string number) => new(number.Select(c => c switch
    {
        >= '1' and <= '9' => "&é\"'(-è_ç"[c - '1'],
        '0' => 'à',
        '-' => ')',
        'A' => 'Q',
        'Q' => 'A',
        'Z' => 'W',
        'W' => 'Z',
        'M' => '?',
        _ => c,
    }).ToArray());

    [Fact]
    public async Task A_scanned_file_number_is_added_also_through_an_AZERTY_keyboard_and_the_field_is_ready_for_the_next_card()
    {
        var number = "RSK-2019-" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var migrant = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Scan"), "Awa", configure: m => m.FileNumber = number);
        var other = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Scan"), "Binta");
        var id = await DistributionAsync(AidKind.HygieneKit, Today.AddDays(-2));
        var social = await ClientAsync(DemoAccounts.RabatSocial);

        var page = new HtmlParser().ParseDocument(await social.GetTextAsync($"/Distributions/Details/{id}"));
        var field = page.QuerySelector("form[data-scan-form] input[name=FileNumber]")!;
        Assert.True(field.HasAttribute("autofocus"));
        Assert.Equal("off", field.GetAttribute("autocomplete"));
        Assert.NotNull(page.QuerySelector("label[for=FileNumber]"));
        var script = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).Single(s => s.Contains("recipient-scan.js", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync(script)).StatusCode);

        var azerty = ThroughAzerty(number);
        Assert.DoesNotContain(azerty, c => char.IsAsciiDigit(c));
        var added = await social.SubmitFormAsync($"/Distributions/Details/{id}", new Dictionary<string, string> { ["FileNumber"] = azerty }, "form[data-scan-form]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var next = await social.GetTextAsync(added.Headers.Location!.OriginalString);
        Assert.Contains($"{number} ajouté à la liste.", next, StringComparison.Ordinal);
        Assert.True(new HtmlParser().ParseDocument(next).QuerySelector("form[data-scan-form] input[name=FileNumber]")!.HasAttribute("autofocus"));

        // A scan with spaces around, in lower case, works as typed.
        var second = await social.SubmitFormAsync($"/Distributions/Details/{id}",
            new Dictionary<string, string> { ["FileNumber"] = "  " + (await app.FileNumberAsync(other)).ToLowerInvariant() + " " }, "form[data-scan-form]");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(2, await RecipientsAsync(id));
        Assert.Equal(migrant, await app.WithDbAsync(db => db.AidRecipients.Where(r => r.AidDistributionId == id).Select(r => r.MigrantId).OrderBy(m => m).FirstAsync()));
    }

    [Fact]
    public void The_AZERTY_reading_is_tried_only_for_an_entry_without_digits()
    {
        var candidates = ScannedFileNumber.Candidates("TTQ)éàé-)àààé\"\"");
        Assert.Equal(2, candidates.Count);
        Assert.Equal("TTA-2026-000233", candidates[1]);
        Assert.Equal(["RSK-2026-000123"], ScannedFileNumber.Candidates(" rsk-2026-000123\r\n"));
        Assert.Empty(ScannedFileNumber.Candidates("  "));
    }

    [Fact]
    public async Task A_recipient_list_saved_by_older_Excel_in_Windows_1252_with_semicolons_is_read()
    {
        var a = await app.FileNumberAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Ansi"), "Awa"));
        var b = await app.FileNumberAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Ansi"), "Binta"));
        var id = await DistributionAsync(AidKind.Clothing, Today.AddDays(-4));
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var content = cp1252.GetBytes($"Numéro de dossier;Prénom;Remarque\r\n{a};Awa;Reçu à l'entrée\r\n{b};Binta;Élevée\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(content));
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var response = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}",
            files: new Dictionary<string, UploadFile> { ["list"] = new("liste.csv", content, "text/csv") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2 personne(s) ajoutée(s) sur 2 ligne(s).", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await RecipientsAsync(id));
    }
}
