using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantTrainingLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public async Task A_centre_director_opens_an_apprentices_file_without_sensitive_fields_needs_or_notes_and_sees_the_enrolment()
    {
        var family = MigrantTestData.UniqueName("Apprenti");
        var id = await app.AddMigrantAsync("RSK", family, "Seydou", configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Refugee;
            m.UnhcrNumber = "UNHCR-SECRET-9";
            m.Vulnerabilities = Vulnerability.ChronicIllness;
        });
        var alkari = await app.CentreAsync();
        await app.EnrolmentAsync(id, alkari.Id);
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        await social.SubmitFormAsync($"/Migrants/{id}/AddNote", new Dictionary<string, string> { ["Kind"] = "Interview", ["Date"] = "2026-01-10", ["Text"] = "Confidentiel santé", ["Confidential"] = "true" });
        await social.SubmitFormAsync($"/Migrants/{id}/AddNeed", new Dictionary<string, string> { ["Kind"] = "Health", ["Status"] = "Open", ["OpenedOn"] = "2026-01-10", ["ReferredTo"] = "Clinique X" });
        var socialView = await social.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains("UNHCR-SECRET-9", socialView, StringComparison.Ordinal);
        Assert.Contains(alkari.Name, socialView, StringComparison.Ordinal);

        var director = await ClientAsync(DemoAccounts.AlkariDirector);
        var response = await director.GetAsync($"/Migrants/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains(family, html, StringComparison.Ordinal);
        Assert.Contains(alkari.Name, html, StringComparison.Ordinal);
        foreach (var hidden in new[] { "UNHCR-SECRET-9", "Maladie chronique", "Réfugié", "Confidentiel santé", "Clinique X" })
        {
            Assert.DoesNotContain(hidden, html, StringComparison.Ordinal);
        }
        var export = await director.GetStringAsync("/Migrants/Export?q=" + family);
        Assert.Contains(family, export, StringComparison.Ordinal);
        Assert.DoesNotContain("UNHCR-SECRET-9", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_moves_the_enrolments_to_the_kept_file()
    {
        var family = MigrantTestData.UniqueName("Fusion");
        var kept = await app.AddMigrantAsync("RSK", family, "Awa");
        var duplicate = await app.AddMigrantAsync("RSK", family, "Awa Bis");
        var enrolment = await app.EnrolmentAsync(duplicate, (await app.CentreAsync()).Id);
        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var number = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == duplicate).Select(m => m.FileNumber).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitFormAsync($"/Migrants/Merge/{kept}", new Dictionary<string, string> { ["otherFileNumber"] = number })).StatusCode);
        Assert.Equal(kept, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == enrolment).Select(e => e.MigrantId).SingleAsync()));
    }
}
