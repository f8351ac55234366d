using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class CaseWorkTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public async Task A_case_note_and_a_need_appear_on_the_timeline_with_the_files_region()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Note"), "Awa");
        var client = await ClientAsync();
        var note = await client.SubmitFormAsync($"/Migrants/{id}/AddNote", new Dictionary<string, string>
        {
            ["Kind"] = "HomeVisit", ["Date"] = "2026-01-15", ["Text"] = "Visite au campement, besoin de couvertures.", ["Confidential"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        // A referral needs the person's consent to share with that organisation (Features/Privacy).
        await app.WithDbAsync(async db =>
        {
            db.Consents.Add(new Consent
            {
                MigrantId = id, RegionId = await app.RegionIdAsync("RSK"), Purpose = ConsentPurpose.SharingWithPartner, PartnerName = "Hôpital Ibn Sina",
                Method = ConsentMethod.SignedForm, GivenOn = new DateOnly(2026, 1, 10),
            });
            await db.SaveChangesAsync();
        });
        var need = await client.SubmitFormAsync($"/Migrants/{id}/AddNeed", new Dictionary<string, string>
        {
            ["Kind"] = "Health", ["Status"] = "Referred", ["OpenedOn"] = "2026-01-16", ["ReferredTo"] = "Hôpital Ibn Sina",
        });
        Assert.Equal(HttpStatusCode.Redirect, need.StatusCode);
        var html = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains("Visite au campement, besoin de couvertures.", html, StringComparison.Ordinal);
        Assert.Contains("Confidentiel", html, StringComparison.Ordinal);
        Assert.Contains("Hôpital Ibn Sina", html, StringComparison.Ordinal);
        Assert.Contains("Orientation : Santé", html, StringComparison.Ordinal);
        var rsk = await app.RegionIdAsync("RSK");
        Assert.True(await app.WithDbAsync(db => db.CaseNotes.AnyAsync(n => n.MigrantId == id && n.RegionId == rsk && n.Confidential)));

        var needId = await app.WithDbAsync(db => db.Needs.Where(n => n.MigrantId == id).Select(n => n.Id).SingleAsync());
        var done = await client.SubmitFormAsync($"/Migrants/Details/{id}", new Dictionary<string, string> { ["needId"] = needId.ToString(), ["status"] = "Done" }, $"/Migrants/{id}/NeedStatus");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var closed = await app.WithDbAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
        Assert.Equal(NeedStatus.Done, closed.Status);
        Assert.NotNull(closed.ClosedOn);
        Assert.NotNull(closed.ReferredOn);
    }

    [Fact]
    public async Task A_note_without_text_is_refused_with_the_typed_values_kept()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Empty"), "Awa");
        var client = await ClientAsync();
        var response = await client.SubmitFormAsync($"/Migrants/{id}/AddNote", new Dictionary<string, string> { ["Kind"] = "PhoneCall", ["Date"] = "2026-01-15", ["Text"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("Écrivez la note.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"PhoneCall\" selected", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Household_members_are_linked_by_file_number_or_recorded_as_dependants()
    {
        var family = MigrantTestData.UniqueName("Foyer");
        var mother = await app.AddMigrantAsync("RSK", family, "Mariama");
        var father = await app.AddMigrantAsync("RSK", family, "Ibrahima");
        var fatherNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == father).Select(m => m.FileNumber).SingleAsync());
        var client = await ClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Migrants/{mother}/AddMember", new Dictionary<string, string>
        {
            ["Relationship"] = "Spouse", ["RelatedFileNumber"] = fatherNumber.ToLowerInvariant(),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Migrants/{mother}/AddMember", new Dictionary<string, string>
        {
            ["Relationship"] = "Child", ["Name"] = "Petit Moussa", ["Age"] = "4",
        })).StatusCode);
        var html = await client.GetTextAsync($"/Migrants/Details/{mother}");
        Assert.Contains($"href=\"/Migrants/Details/{father}\"", html, StringComparison.Ordinal);
        Assert.Contains("Petit Moussa · 4 ans", html, StringComparison.Ordinal);

        var unknown = await client.SubmitFormAsync($"/Migrants/{mother}/AddMember", new Dictionary<string, string> { ["Relationship"] = "Sibling", ["RelatedFileNumber"] = "RSK-1999-000000" });
        Assert.Contains("Aucun autre dossier accessible ne porte ce numéro.", await unknown.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_regions_social_worker_cannot_add_to_a_file()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Scope"), "Awa");
        var client = await ClientAsync(DemoAccounts.TangerSocial);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Migrants/{id}/AddNote")).StatusCode);
        // The note form of a Tanger file, pointed at the Rabat one.
        var own = await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Own"), "Awa");
        var post = await client.SubmitRetargetedFormAsync($"/Migrants/{own}/AddNote", null, $"/Migrants/{id}/AddNote",
            new Dictionary<string, string> { ["Kind"] = "Interview", ["Date"] = "2026-01-01", ["Text"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CaseNotes.AnyAsync(n => n.MigrantId == id)));
    }
}
