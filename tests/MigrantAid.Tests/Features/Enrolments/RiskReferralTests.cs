using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>From the dropout risk list, the centre asks the social workers of the person's region to act.</summary>
public sealed class RiskReferralTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string IncomeOnFile = "Besoin de revenus ouvert dans le dossier";

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public async Task A_director_refers_an_apprentice_at_risk_and_the_social_worker_of_the_region_sees_an_income_need()
    {
        // Registered in Tanger, apprentice in Rabat: the need goes to the file's region.
        var name = "Signale" + Guid.NewGuid().ToString("N")[..8];
        var migrant = await app.MigrantAsync("TTA", familyName: name);
        var enrolment = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-4));

        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var before = await director.GetTextAsync("/Enrolments/Risk");
        Assert.Contains("Signaler au travailleur social", RiskListTests.RowOf(before, name)!, StringComparison.Ordinal);

        var referForm = await director.GetFormAsync("/Enrolments/Risk", $"/Enrolments/Refer/{enrolment}");
        var referred = await referForm.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var need = await app.WithDbAsync(db => db.Needs.SingleAsync(n => n.MigrantId == migrant));
        Assert.Equal(NeedKind.Income, need.Kind);
        Assert.Equal(NeedStatus.Open, need.Status);
        Assert.Equal(await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync()), need.RegionId);
        Assert.Contains("Centre d'apprentissage Alkari", need.Notes!, StringComparison.Ordinal);
        Assert.Contains(RiskListTests.Missing, need.Notes!, StringComparison.Ordinal);

        // The row now says why, and offers no second referral; a second post adds nothing.
        var after = RiskListTests.RowOf(await director.GetTextAsync("/Enrolments/Risk"), name)!;
        Assert.Contains(IncomeOnFile, after, StringComparison.Ordinal);
        Assert.DoesNotContain("Signaler au travailleur social", after, StringComparison.Ordinal);
        // The page opened before (a second click, the back button) posts again.
        await referForm.SubmitAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.Needs.CountAsync(n => n.MigrantId == migrant)));

        var tanger = await SignedInAsync(DemoAccounts.TangerSocial);
        var file = await tanger.GetTextAsync($"/Migrants/Details/{migrant}");
        Assert.Contains("Revenus (risque d'abandon)", file, StringComparison.Ordinal);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Need) && a.Action == AuditAction.Created && a.UserName == DemoAccounts.AlkariDirector));
        Assert.True(audited);
    }

    [Fact]
    public async Task Another_centres_director_and_a_social_worker_cannot_refer_an_Alkari_apprentice()
    {
        var migrant = await app.MigrantAsync(familyName: "Horsperimetre" + Guid.NewGuid().ToString("N")[..6]);
        var enrolment = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-4));
        var otherCentre = await app.CentreInRegionAsync("RSK");
        var otherDirector = await SignedInAsync(await app.DirectorOfAsync(otherCentre));
        // The other director's own at-risk apprentice's referral form, pointed at the Alkari one.
        var own = await app.EnrolmentAsync(await app.MigrantAsync(), otherCentre.Id, start: TrainingData.Today.AddMonths(-4));
        var refused = await otherDirector.SubmitRetargetedFormAsync("/Enrolments/Risk", $"/Enrolments/Refer/{own}", $"/Enrolments/Refer/{enrolment}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        // No page offers a social worker this form; the role is refused before any token check.
        var forbidden = await social.PostAsync($"/Enrolments/Refer/{enrolment}", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Needs.AnyAsync(n => n.MigrantId == migrant)));
    }
}
