using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantCaseFileTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<int> RabatFileAsync(string? family = null, string? card = null) =>
        app.AddMigrantAsync("RSK", family ?? MigrantTestData.UniqueName("Case"), "Aminata", configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.RegularisationYear = 2017;
            m.ResidenceCardNumber = card ?? "RCSECRET" + Random.Shared.Next(1000000, 9999999);
            m.ResidenceCardExpiry = new DateOnly(2027, 3, 1);
            m.Vulnerabilities = Vulnerability.Pregnancy;
        });

    [Theory]
    [InlineData(DemoAccounts.TangerSocial)]
    [InlineData(DemoAccounts.AlkariDirector)]
    public async Task A_file_outside_the_users_scope_is_not_found_for_reading_or_editing(string email)
    {
        var id = await RabatFileAsync();
        var client = await ClientAsync(email);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Migrants/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Migrants/Print/{id}")).StatusCode);
        if (email == DemoAccounts.TangerSocial)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Migrants/Edit/{id}")).StatusCode);
            // The registration form they may use, pointed at the Rabat file's edit.
            var post = await client.SubmitRetargetedFormAsync("/Migrants/Create", null, $"/Migrants/Edit/{id}", MigrantTestData.Form(await app.RegionIdAsync("TTA"), "Pirate", "Edit"));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Migrants/Edit/{id}")).StatusCode);
        }
        Assert.Equal("Aminata", await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.GivenName).SingleAsync()));
    }

    [Fact]
    public async Task A_partner_may_not_open_migrant_files_at_all()
    {
        var id = await RabatFileAsync();
        var client = await ClientAsync(DemoAccounts.PartnerEu);
        foreach (var url in new[] { "/Migrants", $"/Migrants/Details/{id}", $"/Migrants/Edit/{id}" })
        {
            var status = (await client.GetAsync(url)).StatusCode;
            Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{url}: {status}");
        }
    }

    [Fact]
    public async Task Opening_a_file_is_audited_and_shows_identity_status_and_consent()
    {
        var family = MigrantTestData.UniqueName("Audit");
        var id = await RabatFileAsync(family, "RCAUDIT42");
        var client = await ClientAsync();
        var html = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains(family, html, StringComparison.Ordinal);
        Assert.Contains("RCAUDIT42", html, StringComparison.Ordinal);
        Assert.Contains("Grossesse", html, StringComparison.Ordinal);
        Assert.Contains("Consentement", html, StringComparison.Ordinal);
        var viewed = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == AuditAction.Viewed && a.EntityType == "Migrant" && a.EntityKey == id.ToString() && a.UserName == DemoAccounts.RabatSocial));
        Assert.Equal(1, viewed);
    }

    [Fact]
    public async Task National_managers_read_every_region_but_may_not_edit()
    {
        var family = MigrantTestData.UniqueName("National");
        var id = await RabatFileAsync(family);
        var client = await ClientAsync(DemoAccounts.National);
        var html = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains(family, html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Migrants/Edit/{id}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Migrants/Edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_print_view_has_its_own_stylesheet_and_no_navigation()
    {
        var id = await RabatFileAsync();
        var client = await ClientAsync();
        var html = await client.GetTextAsync($"/Migrants/Print/{id}");
        Assert.Contains("css/print.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("navbar", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_is_saved_and_refreshes_the_search_keys()
    {
        var id = await RabatFileAsync();
        var client = await ClientAsync();
        var edit = await client.GetTextAsync($"/Migrants/Edit/{id}");
        var version = System.Text.RegularExpressions.Regex.Match(edit, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var family = MigrantTestData.UniqueName("Renamed");
        var fields = MigrantTestData.Form(await app.RegionIdAsync("RSK"), family, "Aminata", more: [("Version", version),
            ("AdministrativeStatus", "Regularised"), ("RegularisationYear", "2017"), ("ResidenceCardNumber", "")]);
        var response = await client.SubmitFormAsync($"/Migrants/Edit/{id}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(await response.ReadTextAsync(), "(invalid-feedback d-block\">|alert-danger\" role=\"alert\">)([^<]*)").Select(m => m.Groups[2].Value)));
        Assert.Contains(family, await client.GetTextAsync("/Migrants?q=" + family), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_shows_what_changed_and_keeps_the_users_input()
    {
        var id = await RabatFileAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var alice = await ClientAsync();
        var bob = await ClientAsync(DemoAccounts.RabatManager);
        static string VersionOf(string html) => System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var aliceVersion = VersionOf(await alice.GetTextAsync($"/Migrants/Edit/{id}"));
        var bobVersion = VersionOf(await bob.GetTextAsync($"/Migrants/Edit/{id}"));
        Assert.Equal(aliceVersion, bobVersion);

        var common = new (string, string)[] { ("AdministrativeStatus", "Regularised"), ("RegularisationYear", "2017"), ("ResidenceCardNumber", "") };
        var bobFields = MigrantTestData.Form(rsk, "Bobchanged", "Aminata", more: [.. common, ("Version", bobVersion), ("City", "Salé")]);
        Assert.Equal(HttpStatusCode.Redirect, (await bob.SubmitFormAsync($"/Migrants/Edit/{id}", bobFields)).StatusCode);

        var aliceFields = MigrantTestData.Form(rsk, "Alicechanged", "Aminata", more: [.. common, ("Version", aliceVersion), ("Phone", "0611223344")]);
        var refused = await alice.SubmitFormAsync($"/Migrants/Edit/{id}", aliceFields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.ReadTextAsync();
        Assert.Contains("Ce dossier a été modifié pendant que vous l'éditiez", html, StringComparison.Ordinal);
        Assert.Contains("Bobchanged", html, StringComparison.Ordinal);
        Assert.Contains("Salé", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Alicechanged\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"0611223344\"", html, StringComparison.Ordinal);
        Assert.Equal("Bobchanged", await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FamilyName).SingleAsync()));

        // Saving again from the conflict page is a deliberate choice and goes through.
        var newVersion = VersionOf(html);
        Assert.NotEqual(aliceVersion, newVersion);
        aliceFields["Version"] = newVersion;
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitFormAsync($"/Migrants/Edit/{id}", aliceFields)).StatusCode);
        Assert.Equal("Alicechanged", await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FamilyName).SingleAsync()));
    }
}
