using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Activities;

/// <summary>
/// Issue 10: a centre director sees the activities of their own apprentices, status only — no
/// money, no business plan, no visit, no other member of the group — and nothing else.
/// </summary>
public sealed partial class ApprenticeActivityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Operating = "En fonctionnement";
    private const string PanelTitle = "Activités génératrices de revenus de l'apprenti";

    private sealed record Arranged(int Enrolment, string Apprentice, string Outsider, int Activity, string ActivityName, string Secret,
        int OtherEnrolment, int OtherActivity, string OtherActivityName);

    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var apprentice = "Apprenti" + tag;
        var outsider = "Voisin" + tag;
        var apprenticeId = await app.MigrantAsync(familyName: apprentice);
        var outsiderId = await app.MigrantAsync(familyName: outsider);
        var enrolment = await app.EnrolmentAsync(apprenticeId, (await app.CentreAsync()).Id);
        var name = "Atelier couture " + tag;
        var activity = await app.ActivityAsync(name, ActivityStatus.Operating, apprenticeId, outsiderId);
        var secret = "Secret" + tag;
        await app.WithDbAsync(async db =>
        {
            var a = await db.IncomeActivities.SingleAsync(x => x.Id == activity);
            a.BusinessPlan = "Plan " + secret;
            foreach (var v in await db.ActivityVisits.Where(v => v.IncomeActivityId == activity).ToListAsync())
            {
                v.Notes = "Visite " + secret;
            }
            await db.SaveChangesAsync();
        });
        // Another centre's apprentice, with an activity of their own.
        var otherId = await app.MigrantAsync(familyName: "Ailleurs" + tag);
        var otherEnrolment = await app.EnrolmentAsync(otherId, (await app.CentreInRegionAsync("RSK")).Id);
        var otherName = "Épicerie " + tag;
        var otherActivity = await app.ActivityAsync(otherName, ActivityStatus.Approved, otherId);
        return new Arranged(enrolment, apprentice, outsider, activity, name, secret, otherEnrolment, otherActivity, otherName);
    }

    private async Task<HttpClient> DirectorAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        return client;
    }

    private static void AssertStatusOnly(string html, Arranged a)
    {
        Assert.Contains(a.ActivityName, html, StringComparison.Ordinal);
        Assert.Contains(Operating, html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Outsider, html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.OtherActivityName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("MAD", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(Money(), html);
        Assert.DoesNotContain($"/Activities/Details/{a.Activity}", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("(20|8|2)[\\s\u00a0\u202f.,]?[05]00\\b")]
    private static partial Regex Money();

    [Fact]
    public async Task A_director_sees_the_status_of_their_apprentices_activity_on_the_list_and_the_enrolment_page()
    {
        var a = await ArrangeAsync();
        var client = await DirectorAsync();

        var nav = await client.GetTextAsync("/");
        Assert.Contains("href=\"/Activities/Apprentices\"", nav, StringComparison.Ordinal);
        var list = await client.GetTextAsync("/Activities/Apprentices");
        AssertStatusOnly(list, a);
        Assert.Contains(a.Apprentice, list, StringComparison.Ordinal);
        Assert.Contains($"/Enrolments/Details/{a.Enrolment}", list, StringComparison.Ordinal);

        var enrolment = await client.GetTextAsync($"/Enrolments/Details/{a.Enrolment}");
        Assert.Contains(PanelTitle, enrolment, StringComparison.Ordinal);
        AssertStatusOnly(enrolment[enrolment.IndexOf(PanelTitle, StringComparison.Ordinal)..], a);
    }

    [Fact]
    public async Task A_director_gets_404_on_the_full_activity_and_on_another_centres_apprentice()
    {
        var a = await ArrangeAsync();
        var client = await DirectorAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Activities/Details/{a.Activity}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Activities/Details/{a.OtherActivity}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enrolments/Details/{a.OtherEnrolment}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Activities")).StatusCode);
        Assert.DoesNotContain(a.OtherActivityName, await client.GetTextAsync("/Activities/Apprentices"), StringComparison.Ordinal);

        // The other centre's director sees their own apprentice's activity, and not this one.
        var other = app.CreateBrowserLikeClient();
        await other.SignInOrFailAsync(await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK")));
        var theirs = await other.GetTextAsync("/Activities/Apprentices");
        Assert.Contains(a.OtherActivityName, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(a.ActivityName, theirs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Enrolments/Details/{a.Enrolment}")).StatusCode);
    }

    [Fact]
    public async Task Staff_who_read_activities_do_not_get_the_directors_list()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Activities/Apprentices")).StatusCode);
    }
}
