using System.Net;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed class OutcomeFollowUpTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Six_months_after_completion_the_follow_up_is_due_until_an_outcome_is_recorded()
    {
        var alkari = (await app.CentreAsync()).Id;
        var dueName = "Suivi" + Guid.NewGuid().ToString("N")[..8];
        var recentName = "Recent" + Guid.NewGuid().ToString("N")[..8];
        var due = await app.EnrolmentAsync(await app.MigrantAsync(familyName: dueName), alkari, start: TrainingData.Today.AddMonths(-19),
            after: e => e.Complete(TrainingData.Today.AddMonths(-7)));
        await app.EnrolmentAsync(await app.MigrantAsync(familyName: recentName), alkari, start: TrainingData.Today.AddMonths(-13),
            after: e => e.Complete(TrainingData.Today.AddMonths(-2)));
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);

        var list = await client.GetTextAsync("/Enrolments/FollowUps");
        Assert.Contains(dueName, list, StringComparison.Ordinal);
        Assert.DoesNotContain(recentName, list, StringComparison.Ordinal);

        var response = await client.SubmitFormAsync($"/Enrolments/Details/{due}", new Dictionary<string, string>
        {
            ["Outcome"] = "EmployedByHost", ["Date"] = TrainingData.Iso(TrainingData.Today),
        }, "form[aria-labelledby='h-RecordOutcome']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Embauché par le professionnel d'accueil", await client.GetTextAsync($"/Enrolments/Details/{due}"), StringComparison.Ordinal);
        Assert.DoesNotContain(dueName, await client.GetTextAsync("/Enrolments/FollowUps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outcome_needs_a_choice_and_a_completed_training()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id, after: e => e.Complete(TrainingData.Today));
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var response = await client.SubmitFormAsync($"/Enrolments/Details/{id}", new Dictionary<string, string>
        {
            ["Date"] = TrainingData.Iso(TrainingData.Today),
        }, "form[aria-labelledby='h-RecordOutcome']");
        Assert.Contains("Choisissez le devenir", await response.ReadTextAsync(), StringComparison.Ordinal);
    }
}
