using System.Text.RegularExpressions;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Features.Enrolments;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>A region's risk list runs to thousands of apprentices: it is paged (issue 13), most reasons first.</summary>
public sealed class RiskListPagingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_long_risk_list_is_shown_a_page_at_a_time_and_the_next_page_holds_the_rest()
    {
        var centre = (await app.CentreAsync()).Id;
        var names = new List<string>();
        for (var i = 0; i < EnrolmentsController.RiskPageSize + 3; i++)
        {
            // No attendance entered and no placement: on the list.
            var name = $"Pagerisk{i:D2}" + Guid.NewGuid().ToString("N")[..4];
            names.Add(name);
            await app.EnrolmentAsync(await app.MigrantAsync(familyName: name), centre, start: TrainingData.Today.AddMonths(-4));
        }
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);

        var first = await client.GetTextAsync("/Enrolments/Risk");
        var onFirst = names.Where(n => first.Contains(n, StringComparison.Ordinal)).ToList();
        Assert.Equal(EnrolmentsController.RiskPageSize, onFirst.Count);
        var next = Regex.Match(first, "href=\"([^\"]*Risk[^\"]*page=2[^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(next);

        var second = await client.GetTextAsync(System.Net.WebUtility.HtmlDecode(next));
        var onSecond = names.Where(n => second.Contains(n, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, onSecond.Count);
        Assert.Empty(onFirst.Intersect(onSecond));
    }
}
