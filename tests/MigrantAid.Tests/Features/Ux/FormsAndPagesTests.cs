using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Ux;

/// <summary>Error summary, confirmations, ways back, the 400 page, the user menu, the print view.</summary>
public sealed class FormsAndPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Theory]
    [InlineData("fr", "Le formulaire contient des erreurs")]
    [InlineData("ar", "يتضمن النموذج أخطاء")]
    [InlineData("en", "There is a problem")]
    public async Task A_failed_submit_shows_an_error_summary_linking_to_each_field(string culture, string title)
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Summary"), "Awa");
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        await client.GetTextAsync($"/?culture={culture}");
        var response = await client.SubmitFormAsync($"/Migrants/{id}/AddNote", new Dictionary<string, string> { ["Kind"] = "Interview", ["Text"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.ReadTextAsync());
        var summary = page.QuerySelector("[data-testid=error-summary]");
        Assert.NotNull(summary);
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Contains(title, summary.TextContent, StringComparison.Ordinal);
        var link = summary.QuerySelector("a[href='#Text']");
        Assert.NotNull(link);
        Assert.NotNull(page.QuerySelector("#Text"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        // A valid page has none.
        var fresh = new HtmlParser().ParseDocument(await client.GetTextAsync($"/Migrants/{id}/AddNote"));
        Assert.Null(fresh.QuerySelector("[data-testid=error-summary]"));
        Assert.NotNull(fresh.QuerySelector("nav .breadcrumb a[href='/Migrants/Details/" + id + "']"));
    }

    [Fact]
    public async Task A_household_member_and_a_need_status_change_are_confirmed()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Flash"), "Awa");
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var added = await client.SubmitFormAsync($"/Migrants/{id}/AddMember?culture=fr", new Dictionary<string, string> { ["Relationship"] = "Child", ["Name"] = "Moussa", ["Age"] = "4" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Membre du foyer ajouté.", await client.GetTextAsync($"/Migrants/Details/{id}"), StringComparison.Ordinal);

        var need = await client.SubmitFormAsync($"/Migrants/{id}/AddNeed", new Dictionary<string, string> { ["Kind"] = "Housing", ["OpenedOn"] = "2026-11-02" });
        Assert.Equal(HttpStatusCode.Redirect, need.StatusCode);
        await client.GetTextAsync($"/Migrants/Details/{id}");
        var needId = await app.WithDbAsync(db => db.Needs.Where(n => n.MigrantId == id).Select(n => n.Id).SingleAsync());
        var changed = await client.SubmitFormAsync($"/Migrants/Details/{id}", new Dictionary<string, string> { ["status"] = "Done" },
            $"form[action='/Migrants/{id}/NeedStatus']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetTextAsync($"/Migrants/Details/{id}"));
        Assert.Matches("Logement : statut « .+ » enregistré\\.", page);
    }

    [Fact]
    public async Task An_expired_form_answers_400_saying_what_happened_with_a_way_back()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Expired"), "Awa");
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        await client.GetFormAsync($"/Migrants/{id}/AddNote?culture=fr");
        // The token of a form left open too long (the key that signed it is gone): the app cannot read it.
        var response = await client.PostAsync($"/Migrants/{id}/AddNote", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "CfDJ8-expired-token", ["Text"] = "x", ["Kind"] = "Interview",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.ReadTextAsync());
        Assert.Contains("Le formulaire a expiré ou a déjà été envoyé", page.QuerySelector("[data-testid=bad-request-title]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Migrants/{id}/AddNote", page.QuerySelector("[data-testid=back-to-form]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_user_menu_offers_password_and_authenticator()
    {
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var page = new HtmlParser().ParseDocument(await client.GetTextAsync("/?culture=fr"));
        Assert.Equal("/Account/ChangePassword", page.QuerySelector("[data-testid=menu-change-password]")!.GetAttribute("href"));
        Assert.Equal("/Account/Authenticator", page.QuerySelector("[data-testid=menu-authenticator]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Authenticator")).StatusCode);
    }

    [Fact]
    public async Task The_print_view_leaves_confidential_text_out_unless_asked_for_by_someone_who_may_read_it()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Print"), "Awa");
        await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == id);
            db.CaseNotes.Add(new CaseNote { MigrantId = id, RegionId = m.RegionId, Kind = CaseNoteKind.Interview, Date = new DateOnly(2026, 11, 2), Text = "Secret médical XYZ", Confidential = true });
            db.CaseNotes.Add(new CaseNote { MigrantId = id, RegionId = m.RegionId, Kind = CaseNoteKind.PhoneCall, Date = new DateOnly(2026, 11, 3), Text = "Appel ordinaire" });
            await db.SaveChangesAsync();
        });
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var plain = await client.GetTextAsync($"/Migrants/Print/{id}?culture=fr");
        Assert.DoesNotContain("Secret médical XYZ", plain, StringComparison.Ordinal);
        Assert.Contains("Appel ordinaire", plain, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"confidential-left-out\"", plain, StringComparison.Ordinal);
        // The print page's own GET form: its check box asks for the confidential text.
        var box = new HtmlParser().ParseDocument(plain).QuerySelector($"form[action='/Migrants/Print/{id}'][method=get] input[type=checkbox][name=includeConfidential]");
        Assert.NotNull(box);
        Assert.Contains("Secret médical XYZ", await client.GetTextAsync($"/Migrants/Print/{id}?includeConfidential={box.GetAttribute("value")}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_director_reads_not_shown_for_a_household_out_of_scope_never_none()
    {
        var alkari = await app.CentreAsync();
        var id = await app.MigrantAsync(familyName: MigrantTestData.UniqueName("Foyer"));
        await app.EnrolmentAsync(id, alkari.Id);
        await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == id);
            db.HouseholdMembers.Add(new HouseholdMember { MigrantId = id, RegionId = m.RegionId, Relationship = Relationship.Child, Name = "Enfant A", Age = 3 });
            db.HouseholdMembers.Add(new HouseholdMember { MigrantId = id, RegionId = m.RegionId, Relationship = Relationship.Child, Name = "Enfant B", Age = 5 });
            await db.SaveChangesAsync();
        });
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var print = await director.GetAsync($"/Migrants/Print/{id}?culture=fr&includeConfidential=true");
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        var text = await print.ReadTextAsync();
        Assert.Contains("data-testid=\"household-not-shown\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Aucun membre du foyer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("includeConfidential", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_arabic_the_file_number_is_isolated_left_to_right_beside_its_label()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Bidi"), "Awa");
        var number = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FileNumber).SingleAsync());
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var print = new HtmlParser().ParseDocument(await client.GetTextAsync($"/Migrants/Print/{id}?culture=ar"));
        Assert.Contains(print.QuerySelectorAll("h1 bdi[dir=ltr]"), b => b.TextContent == number);
        var note = new HtmlParser().ParseDocument(await client.GetTextAsync($"/Migrants/{id}/AddNote?culture=ar"));
        Assert.Contains(note.QuerySelectorAll(".breadcrumb bdi[dir=ltr]"), b => b.TextContent == number);
    }

    [Fact]
    public async Task Region_names_keep_their_accents_in_english()
    {
        var names = await app.WithDbAsync(db => db.Regions.Select(r => r.NameEn).ToListAsync());
        Assert.Contains("Rabat-Salé-Kénitra", names);
        Assert.Contains("Tanger-Tétouan-Al Hoceïma", names);
        Assert.Contains("Laâyoune-Sakia El Hamra", names);
    }
}
