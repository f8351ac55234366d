using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantMergeAndExpiryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<string> FileNumberAsync(int id) => app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FileNumber).SingleAsync());

    [Fact]
    public async Task A_regional_manager_merges_two_files_records_move_the_stub_redirects_and_an_administrator_undoes_it()
    {
        var family = MigrantTestData.UniqueName("Merge");
        var kept = await app.AddMigrantAsync("RSK", family, "Mohamed");
        var duplicate = await app.AddMigrantAsync("RSK", family, "Muhammad");
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        await social.SubmitFormAsync($"/Migrants/{duplicate}/AddNote", new Dictionary<string, string> { ["Kind"] = "Interview", ["Date"] = "2026-02-01", ["Text"] = "Note du doublon" });
        Assert.Equal(HttpStatusCode.Forbidden, (await social.GetAsync($"/Migrants/Merge/{kept}")).StatusCode);

        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var merged = await manager.SubmitFormAsync($"/Migrants/Merge/{kept}", new Dictionary<string, string> { ["otherFileNumber"] = await FileNumberAsync(duplicate) });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        var stub = await manager.GetAsync($"/Migrants/Details/{duplicate}");
        Assert.Equal(HttpStatusCode.Redirect, stub.StatusCode);
        Assert.EndsWith($"/Migrants/Details/{kept}", stub.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var keptPage = await manager.GetTextAsync($"/Migrants/Details/{kept}");
        Assert.Contains("Note du doublon", keptPage, StringComparison.Ordinal);
        Assert.Contains(await FileNumberAsync(duplicate), keptPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Muhammad", await manager.GetTextAsync("/Migrants?q=" + family), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "MigrantMerge" && a.Action == AuditAction.Created)));

        var mergeId = await app.WithDbAsync(db => db.MigrantMerges.Where(m => m.KeptId == kept).Select(m => m.Id).SingleAsync());
        // The manager's page offers no undo; posted anyway, the role is refused before any token check.
        Assert.DoesNotContain($"/Migrants/Unmerge/{mergeId}", await manager.GetTextAsync($"/Migrants/Details/{kept}"), StringComparison.Ordinal);
        var refused = await manager.PostAsync($"/Migrants/Unmerge/{mergeId}", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var undone = await admin.SubmitFormAsync($"/Migrants/Details/{kept}", form: $"/Migrants/Unmerge/{mergeId}");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Contains("Note du doublon", await manager.GetTextAsync($"/Migrants/Details/{duplicate}"), StringComparison.Ordinal);
        Assert.DoesNotContain("Note du doublon", await manager.GetTextAsync($"/Migrants/Details/{kept}"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A merged file keeps its document number (the number is unique in the database, stubs
    /// included): the kept file cannot take it in another spelling while merged, undoing the
    /// merge gives the number back with its file, and no step answers 500.
    /// </summary>
    [Fact]
    public async Task Merging_and_undoing_with_the_same_card_number_in_another_spelling_keeps_the_number_on_one_file()
    {
        var family = MigrantTestData.UniqueName("Card");
        var card = "CM" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spelled = $"{card[..2].ToLowerInvariant()}-{card[2..5]} {card[5..]}";
        var kept = await app.AddMigrantAsync("RSK", family, "Awa");
        var duplicate = await app.AddMigrantAsync("RSK", family, "Awaa", configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardNumber = card;
        });
        var duplicateNumber = await FileNumberAsync(duplicate);
        var admin = await ClientAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Migrants/Merge/{kept}", new Dictionary<string, string> { ["otherFileNumber"] = duplicateNumber })).StatusCode);

        // While merged, the kept file cannot take the number in another spelling: a clear message naming the stub, the input kept.
        var refused = await admin.SubmitFormAsync($"/Migrants/Edit/{kept}", new Dictionary<string, string> { ["AdministrativeStatus"] = "Regularised", ["RegularisationYear"] = "2020", ["ResidenceCardNumber"] = spelled });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadTextAsync();
        Assert.Contains($"Ce numéro de carte de séjour figure déjà dans le dossier {duplicateNumber}", page, StringComparison.Ordinal);
        Assert.Contains(spelled, page, StringComparison.Ordinal);

        var mergeId = await app.WithDbAsync(db => db.MigrantMerges.Where(m => m.KeptId == kept).Select(m => m.Id).SingleAsync());
        var undo = await admin.GetFormAsync($"/Migrants/Details/{kept}", $"/Migrants/Unmerge/{mergeId}");
        var undone = await undo.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Contains($"Fusion annulée : le dossier {duplicateNumber} est rétabli.", await admin.GetTextAsync(undone.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var files = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == kept || m.Id == duplicate).OrderBy(m => m.Id).Select(m => new { m.ResidenceCardNumber, m.MergedIntoId }).ToListAsync());
        Assert.Equal([(null, (int?)null), (card, null)], files.Select(f => (f.ResidenceCardNumber, f.MergedIntoId)));
        Assert.Contains(card, await admin.GetTextAsync($"/Migrants/Details/{duplicate}"), StringComparison.Ordinal);

        // Undoing it a second time is refused (404), not a 500.
        Assert.Equal(HttpStatusCode.NotFound, (await undo.SubmitAsync()).StatusCode);
    }

    [Fact]
    public async Task A_file_of_another_region_cannot_be_merged_in()
    {
        var kept = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Keep"), "Awa");
        var other = await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Far"), "Awa");
        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var response = await manager.SubmitFormAsync($"/Migrants/Merge/{kept}", new Dictionary<string, string> { ["otherFileNumber"] = await FileNumberAsync(other) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aucun autre dossier actif de votre périmètre ne porte ce numéro.", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == other).Select(m => m.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task The_expiry_list_shows_cards_expired_or_expiring_within_60_days_in_the_users_region()
    {
        var today = TestClock.Today;
        void Card(Migrant m, int days)
        {
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardNumber = "EXP" + Random.Shared.Next(1000000, 9999999);
            m.ResidenceCardExpiry = today.AddDays(days);
        }
        var family = MigrantTestData.UniqueName("Expiry");
        await app.AddMigrantAsync("RSK", family, "Expired", configure: m => Card(m, -10));
        await app.AddMigrantAsync("RSK", family, "Soon", configure: m => Card(m, 30));
        await app.AddMigrantAsync("RSK", family, "Later", configure: m => Card(m, 90));
        await app.AddMigrantAsync("TTA", family, "Tangier", configure: m => Card(m, 5));
        var html = await (await ClientAsync(DemoAccounts.RabatSocial)).GetTextAsync("/Migrants/Expiring");
        Assert.Contains(family + " Expired", html, StringComparison.Ordinal);
        Assert.Contains(family + " Soon", html, StringComparison.Ordinal);
        Assert.DoesNotContain(family + " Later", html, StringComparison.Ordinal);
        Assert.DoesNotContain(family + " Tangier", html, StringComparison.Ordinal);
        Assert.Contains("Expirée", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(DemoAccounts.AlkariDirector)).GetAsync("/Migrants/Expiring")).StatusCode);
    }
}
