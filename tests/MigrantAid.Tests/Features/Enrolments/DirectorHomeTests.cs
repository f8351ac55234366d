using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed class DirectorHomeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_director_home_page_shows_apprentices_attendance_to_enter_risks_and_follow_ups()
    {
        var alkari = (await app.CentreAsync()).Id;
        var riskName = "Accueil" + Guid.NewGuid().ToString("N")[..8];
        var followName = "Devenir" + Guid.NewGuid().ToString("N")[..8];
        await app.EnrolmentAsync(await app.MigrantAsync(familyName: riskName), alkari, start: TrainingData.Today.AddMonths(-4));
        await app.EnrolmentAsync(await app.MigrantAsync(familyName: followName), alkari, start: TrainingData.Today.AddMonths(-19),
            after: e => e.Complete(TrainingData.Today.AddMonths(-7)));

        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var home = await client.GetTextAsync("/");
        Assert.Contains("Apprentis par filière et statut", home, StringComparison.Ordinal);
        Assert.Contains("Menuiserie aluminium", home, StringComparison.Ordinal);
        Assert.Contains("1 apprenti(s) sans assiduité saisie", home, StringComparison.Ordinal);
        Assert.Contains("Assiduité du mois écoulé non saisie", RiskListTests.RowOf(home, riskName), StringComparison.Ordinal);
        Assert.Contains(followName, home, StringComparison.Ordinal);

        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.DoesNotContain("Risque d'abandon", await social.GetTextAsync("/"), StringComparison.Ordinal);
    }
}
