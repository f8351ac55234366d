using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Distributions;

/// <summary>Correcting a saved distribution, uploading a recipient list, and aid following a merged file.</summary>
public sealed class DistributionEditUploadMergeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<int> DistributionAsync(string regionCode = "RSK", AidKind kind = AidKind.Food, DateOnly? date = null) =>
        app.WithDbAsync(async db =>
        {
            var region = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync();
            var site = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = region };
            var d = new AidDistribution
            {
                Date = date ?? Today.AddDays(-3), Site = site, RegionId = region, Kind = kind, PlannedQuantity = 50, ActualQuantity = 45, Unit = "colis",
                PlannedRecipients = 50, DistributedBy = "Équipe", UnregisteredMen = 10,
            };
            db.AidDistributions.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

    private static UploadFile Csv(params string[] lines) =>
        new("liste.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "text/csv");

    [Fact]
    public async Task A_saved_distribution_is_corrected_on_its_form_audited_kept_on_error_and_refused_when_edited_meanwhile()
    {
        var id = await DistributionAsync();
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        Assert.Contains($"/Distributions/Edit/{id}", await social.GetTextAsync($"/Distributions/Details/{id}"), StringComparison.Ordinal);

        var bad = await social.SubmitFormAsync($"/Distributions/Edit/{id}", new Dictionary<string, string> { ["ActualQuantity"] = "48", ["UnregisteredWomen"] = "-2" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.ReadTextAsync();
        Assert.Contains("Un effectif ne peut pas être négatif.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"48\"", html, StringComparison.Ordinal);
        Assert.Equal(45m, await app.WithDbAsync(db => db.AidDistributions.Where(d => d.Id == id).Select(d => d.ActualQuantity).SingleAsync()));

        var stale = await social.GetFormAsync($"/Distributions/Edit/{id}");
        var saved = await social.SubmitFormAsync($"/Distributions/Edit/{id}", new Dictionary<string, string> { ["ActualQuantity"] = "48", ["DifferenceReason"] = "Deux colis abîmés" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Deux colis abîmés", await social.GetTextAsync($"/Distributions/Details/{id}"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AidDistribution) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture) && a.Action == AuditAction.Updated)));

        var conflict = await stale.SubmitAsync(new Dictionary<string, string> { ["ActualQuantity"] = "10" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("value=\"10\"", await conflict.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(48m, await app.WithDbAsync(db => db.AidDistributions.Where(d => d.Id == id).Select(d => d.ActualQuantity).SingleAsync()));
    }

    [Fact]
    public async Task Another_regions_distribution_cannot_be_edited_and_a_site_of_another_region_is_refused()
    {
        var tanger = await DistributionAsync("TTA");
        var rabatId = await DistributionAsync();
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.NotFound, (await social.GetAsync($"/Distributions/Edit/{tanger}")).StatusCode);
        var tangerSite = await app.WithDbAsync(db => db.AidDistributions.Where(d => d.Id == tanger).Select(d => d.AidSiteId).SingleAsync());
        var refused = await (await social.GetFormAsync($"/Distributions/Edit/{rabatId}")).SubmitTamperedAsync(new Dictionary<string, string> { ["AidSiteId"] = tangerSite.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(tangerSite, await app.WithDbAsync(db => db.AidDistributions.Where(d => d.Id == rabatId).Select(d => d.AidSiteId).SingleAsync()));
        var director = await ClientAsync(DemoAccounts.AlkariDirector);
        Assert.NotEqual(HttpStatusCode.OK, (await director.GetAsync($"/Distributions/Edit/{rabatId}")).StatusCode);
    }

    [Fact]
    public async Task A_recipient_list_is_added_row_by_row_with_a_report_and_the_same_list_is_refused_the_second_time()
    {
        var id = await DistributionAsync(kind: AidKind.Blankets);
        var a = await app.FileNumberAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("List"), "Awa"));
        var b = await app.FileNumberAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("List"), "Binta"));
        var repeat = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("List"), "Coumba");
        var earlier = await DistributionAsync(kind: AidKind.Blankets, date: Today.AddDays(-10));
        await app.WithDbAsync(async db =>
        {
            db.AidRecipients.Add(new AidRecipient { AidDistributionId = earlier, MigrantId = repeat, RegionId = await db.AidDistributions.Where(d => d.Id == earlier).Select(d => d.RegionId).SingleAsync() });
            await db.SaveChangesAsync();
        });
        var c = await app.FileNumberAsync(repeat);
        var tanger = await app.FileNumberAsync(await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("List"), "Fatou"));
        var social = await ClientAsync(DemoAccounts.RabatSocial);

        var list = Csv("Numéro de dossier", a, b.ToLowerInvariant(), a, c, tanger, "INCONNU-1", "");
        var response = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}", files: new Dictionary<string, UploadFile> { ["list"] = list });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadTextAsync();
        Assert.Contains("2 personne(s) ajoutée(s) sur 6 ligne(s).", report, StringComparison.Ordinal);
        Assert.Contains("Répété dans le fichier", report, StringComparison.Ordinal);
        Assert.Contains("a déjà reçu ce type d'aide", report, StringComparison.Ordinal);
        Assert.Contains($"/Distributions/Details/{earlier}", report, StringComparison.Ordinal);
        Assert.Equal(2, report.Split("Aucun dossier à ce numéro").Length - 1);
        Assert.Equal(2, await app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == id)));

        var again = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}", files: new Dictionary<string, UploadFile> { ["list"] = list });
        Assert.Contains("Cette liste a déjà été importée", await again.ReadTextAsync(), StringComparison.Ordinal);
        // The same people in another file (other order, other header) are the same list.
        var reordered = Csv("Dossier", tanger, c, a, b, "INCONNU-1");
        var third = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}", files: new Dictionary<string, UploadFile> { ["list"] = reordered });
        Assert.Contains("Cette liste a déjà été importée", await third.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == id)));

        var unreadable = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}",
            files: new Dictionary<string, UploadFile> { ["list"] = new("liste.pdf", [1, 2, 3]) });
        Assert.Contains("Choisissez un fichier CSV ou XLSX lisible", await unreadable.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_XLSX_recipient_list_is_read_from_its_first_column()
    {
        var id = await DistributionAsync(kind: AidKind.HygieneKit);
        var a = await app.FileNumberAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Xlsx"), "Awa"));
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, new[] { new Dictionary<string, object> { ["Dossier"] = a, ["Nom"] = "x" } });
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var response = await social.SubmitFormAsync($"/Distributions/Details/{id}", form: $"/Distributions/Upload/{id}",
            files: new Dictionary<string, UploadFile> { ["list"] = new("liste.xlsx", stream.ToArray()) });
        Assert.Contains("1 personne(s) ajoutée(s) sur 1 ligne(s).", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aid_and_activities_follow_the_kept_file_on_merge_and_go_back_on_undo()
    {
        var family = MigrantTestData.UniqueName("AidMerge");
        var kept = await app.AddMigrantAsync("RSK", family, "Mohamed");
        var duplicate = await app.AddMigrantAsync("RSK", family, "Muhammad");
        var distribution = await DistributionAsync();
        var both = await DistributionAsync(kind: AidKind.Clothing);
        await app.WithDbAsync(async db =>
        {
            var region = await db.AidDistributions.Where(d => d.Id == distribution).Select(d => d.RegionId).SingleAsync();
            db.AidRecipients.AddRange(
                new AidRecipient { AidDistributionId = distribution, MigrantId = duplicate, RegionId = region },
                new AidRecipient { AidDistributionId = both, MigrantId = duplicate, RegionId = region },
                new AidRecipient { AidDistributionId = both, MigrantId = kept, RegionId = region });
            await db.SaveChangesAsync();
        });
        var activity = await app.ActivityAsync(MigrantTestData.UniqueName("Atelier"), ActivityStatus.Approved, duplicate);

        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var number = await app.FileNumberAsync(duplicate);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitFormAsync($"/Migrants/Merge/{kept}", new Dictionary<string, string> { ["otherFileNumber"] = number })).StatusCode);
        var keptPage = await manager.GetTextAsync($"/Migrants/Details/{kept}");
        Assert.Contains($"/Distributions/Details/{distribution}", keptPage, StringComparison.Ordinal);
        Assert.Contains($"/Activities/Details/{activity}", keptPage, StringComparison.Ordinal);
        Assert.Equal(kept, await app.WithDbAsync(db => db.ActivityMembers.Where(m => m.IncomeActivityId == activity).Select(m => m.MigrantId).SingleAsync()));
        // Both files were on one list: the kept file's row stands, one person served.
        Assert.Equal(1, await app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == both && r.MigrantId == kept)));

        var mergeId = await app.WithDbAsync(db => db.MigrantMerges.Where(m => m.KeptId == kept).Select(m => m.Id).SingleAsync());
        var admin = await ClientAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Migrants/Details/{kept}", form: $"/Migrants/Unmerge/{mergeId}")).StatusCode);
        Assert.Equal(duplicate, await app.WithDbAsync(db => db.AidRecipients.Where(r => r.AidDistributionId == distribution).Select(r => r.MigrantId).SingleAsync()));
        Assert.Equal(duplicate, await app.WithDbAsync(db => db.ActivityMembers.Where(m => m.IncomeActivityId == activity).Select(m => m.MigrantId).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == both)));
        Assert.DoesNotContain($"/Distributions/Details/{distribution}", await manager.GetTextAsync($"/Migrants/Details/{kept}"), StringComparison.Ordinal);
    }
}
