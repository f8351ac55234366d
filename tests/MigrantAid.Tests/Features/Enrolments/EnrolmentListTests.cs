using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>
/// The enrolments list counts up to a cap (Training:EnrolmentListCountCap, 10,000 by default;
/// issue 13: no exact region-wide count on each view) and says "more than" beyond it; paging,
/// filters and the row scope keep working.
/// </summary>
public sealed partial class EnrolmentListTests(EnrolmentListTests.SmallCapApp app) : IClassFixture<EnrolmentListTests.SmallCapApp>
{
    public sealed class SmallCapApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Training:EnrolmentListCountCap", "30");
        }
    }

    [Fact]
    public async Task A_region_beyond_the_cap_says_more_than_pages_through_and_never_shows_another_region()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var alkari = (await app.CentreAsync()).Id;
        var names = new List<string>();
        for (var i = 0; i < 34; i++)
        {
            var name = $"Liste{tag}{i:D2}";
            names.Add(name);
            await app.EnrolmentAsync(await app.MigrantAsync(familyName: name), alkari, i < 2 ? EnrolmentStatus.Suspended : EnrolmentStatus.Active);
        }
        var tanger = $"Tanger{tag}";
        await app.EnrolmentAsync(await app.MigrantAsync("TTA", familyName: tanger), (await app.CentreInRegionAsync("TTA")).Id);

        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatManager);
        var first = await client.GetTextAsync("/Enrolments");
        Assert.Contains("Plus de 30 inscriptions", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 sur 2", first, StringComparison.Ordinal);
        Assert.DoesNotContain(tanger, first, StringComparison.Ordinal);
        var next = NextLink().Match(first).Groups[1].Value;
        Assert.NotEmpty(next);
        var second = await client.GetTextAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Contains("Page 2 sur 2", second, StringComparison.Ordinal);
        Assert.DoesNotContain(tanger, second, StringComparison.Ordinal);
        var shown = names.Where(n => first.Contains(n, StringComparison.Ordinal)).ToList();
        var shownNext = names.Where(n => second.Contains(n, StringComparison.Ordinal)).ToList();
        Assert.Equal(EnrolmentsControllerPageSize, shown.Count);
        Assert.Empty(shown.Intersect(shownNext));

        // A filter brings the count under the cap: exact again.
        var suspended = await client.GetTextAsync("/Enrolments?status=Suspended");
        Assert.DoesNotContain("Plus de", suspended, StringComparison.Ordinal);
        Assert.Contains("2 résultat(s)", suspended, StringComparison.Ordinal);
        Assert.All(names.Take(2), n => Assert.Contains(n, suspended, StringComparison.Ordinal));

        // The national manager sees the other region's enrolment; the regional manager never does, whatever the filter.
        Assert.DoesNotContain(tanger, await client.GetTextAsync($"/Enrolments?year={TrainingData.ThisYear}"), StringComparison.Ordinal);
        var national = app.CreateBrowserLikeClient();
        await national.SignInOrFailAsync(DemoAccounts.National);
        Assert.Contains("Plus de 30 inscriptions", await national.GetTextAsync("/Enrolments"), StringComparison.Ordinal);
    }

    private const int EnrolmentsControllerPageSize = MigrantAid.Web.Features.Enrolments.EnrolmentsController.PageSize;

    [GeneratedRegex("href=\"([^\"]*Enrolments[^\"]*page=2[^\"]*)\"")]
    private static partial Regex NextLink();
}
