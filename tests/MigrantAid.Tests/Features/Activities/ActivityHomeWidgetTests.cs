using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Activities;

public sealed class ActivityHomeWidgetTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_regional_manager_opens_on_the_activities_of_their_region_waiting_for_a_decision()
    {
        var rabat = MigrantTestData.UniqueName("Attente");
        var tanger = MigrantTestData.UniqueName("Attente");
        var approved = MigrantTestData.UniqueName("Attente");
        await app.ActivityAsync(rabat, ActivityStatus.Proposed, await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Home"), "Awa"));
        await app.ActivityAsync(approved, ActivityStatus.Approved, await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Home"), "Awa"));
        await app.ActivityAsync(tanger, ActivityStatus.Proposed, await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Home"), "Awa"));

        var manager = app.CreateBrowserLikeClient();
        await manager.SignInOrFailAsync(DemoAccounts.RabatManager);
        var home = await manager.GetTextAsync("/");
        Assert.Contains("Activités en attente de décision", home, StringComparison.Ordinal);
        Assert.Contains(rabat, home, StringComparison.Ordinal);
        Assert.DoesNotContain(tanger, home, StringComparison.Ordinal);
        Assert.DoesNotContain(approved, home, StringComparison.Ordinal);

        // Social workers propose; they do not decide.
        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.DoesNotContain("Activités en attente de décision", await social.GetTextAsync("/"), StringComparison.Ordinal);
    }
}
