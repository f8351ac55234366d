using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>
/// The risk list reads a stored state per enrolment (issue 13: a region's list evaluated every
/// apprentice, 181 ms of SQL at a million files). The stored state must say exactly what the
/// rules say: when records are saved, when the month changes (before and after the background
/// refresh), and for every role's list.
/// </summary>
public sealed partial class RiskStateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const double Threshold = 0.70;

    [Fact]
    public async Task Stored_states_match_the_rules_and_the_lists_stay_exact_across_a_month_change()
    {
        var centre = await app.CentreAsync();
        await RiskListEquivalenceTests.ArrangeAsync(app, centre, await app.CentreInRegionAsync("RSK"));
        var today = app.Clock.Today();
        // Saved through the app's context: every active enrolment has its state, valid today, equal to the rules'.
        await AssertStoredEqualsRulesAsync(today);
        var expected = await RiskListEquivalenceTests.ExpectedAsync(app, centre.Id, today);
        Assert.Equal(Describe(expected), await DirectorListAsync());
        // The regional manager's list holds the same people with the same reasons, in the same order.
        var alkari = (await app.WithDbAsync(db => db.Enrolments.Where(e => e.TrainingCentreId == centre.Id).Select(e => e.Id).ToListAsync())).ToHashSet();
        Assert.Equal(Describe(expected), (await RegionalListAsync()).Where(r => alkari.Contains(int.Parse(r.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture))));

        // The month changes (and placements starting in between have started): the stored states
        // have expired, and the list evaluates those enrolments again until the background refresh.
        app.Clock.Advance(TimeSpan.FromDays(20));
        var later = app.Clock.Today();
        Assert.NotEqual(today.Month, later.Month);
        Assert.True(await app.WithDbAsync(db => db.EnrolmentRisks.AllAsync(r => r.ValidThrough < later)));
        var expectedLater = await RiskListEquivalenceTests.ExpectedAsync(app, centre.Id, later);
        Assert.NotEqual(Describe(expected), Describe(expectedLater));
        Assert.Equal(Describe(expectedLater), await DirectorListAsync());

        // The background refresh re-evaluates them: stored again, still what the rules say.
        await app.RefreshFiguresAsync();
        await AssertStoredEqualsRulesAsync(later);
        Assert.Equal(Describe(expectedLater), await DirectorListAsync());
        Assert.Equal(Describe(expectedLater), (await RegionalListAsync()).Where(r => alkari.Contains(int.Parse(r.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture))));
    }

    private async Task AssertStoredEqualsRulesAsync(DateOnly today) =>
        await app.WithDbAsync(async db =>
        {
            var rules = await RiskRules.EvaluateAsync(db, db.Enrolments, today, Threshold, CancellationToken.None);
            Assert.NotEmpty(rules);
            var stored = await db.EnrolmentRisks.AsNoTracking().ToListAsync();
            Assert.Equal(rules.OrderBy(r => r.EnrolmentId).Select(r => $"{r.EnrolmentId}:{r.Flags}:{r.Reasons.Count}:{r.RegionId}:{r.TrainingCentreId}:{r.MigrantId}"),
                stored.OrderBy(r => r.EnrolmentId).Select(r => $"{r.EnrolmentId}:{r.Reasons}:{r.ReasonCount}:{r.RegionId}:{r.TrainingCentreId}:{r.MigrantId}"));
            Assert.All(stored, r => Assert.True(r.ValidThrough >= today));
        });

    private static List<string> Describe(IEnumerable<(int Id, string FamilyName, List<RiskListEquivalenceTests.RiskReasonKind> Reasons)> rows) =>
        rows.Select(r => $"{r.Id}: {string.Join(",", r.Reasons)}").ToList();

    private Task<List<string>> DirectorListAsync() => ListAsync(DemoAccounts.AlkariDirector, "/Enrolments/Risk");

    private Task<List<string>> RegionalListAsync() => ListAsync(DemoAccounts.RabatManager, "/Enrolments/Risk");

    /// <summary>Every page of a risk list, as "id: reasons".</summary>
    private async Task<List<string>> ListAsync(string account, string url)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(account);
        var rows = new List<string>();
        for (var page = 1; ; page++)
        {
            var text = await client.GetTextAsync($"{url}?page={page}");
            rows.AddRange(RiskListEquivalenceTests.Rows(text).Select(r => $"{r.Id}: {string.Join(",", r.Reasons)}"));
            if (!text.Contains($"page={page + 1}", StringComparison.Ordinal))
            {
                return rows;
            }
        }
    }

    [Fact]
    public async Task Saving_attendance_through_the_grid_updates_the_stored_state_and_the_regional_list_at_once()
    {
        var name = "Etat" + Guid.NewGuid().ToString("N")[..8];
        var centre = await app.CentreAsync();
        var id = await app.EnrolmentAsync(await app.MigrantAsync(familyName: name), centre.Id, trackCode: DiplomaTrack.Qualification,
            start: app.Clock.Today().AddMonths(-3));
        var regional = app.CreateBrowserLikeClient();
        await regional.SignInOrFailAsync(DemoAccounts.RabatManager);
        var before = RiskListTests.RowOf(await AllPagesAsync(regional), name);
        Assert.Contains(RiskListTests.Missing, before, StringComparison.Ordinal);

        // The director enters the month due on the attendance grid (the form the page shows).
        var director = app.CreateBrowserLikeClient();
        await director.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var grid = await director.GetTextAsync("/Attendance");
        var line = GridLine().Matches(grid).Single(m => m.Groups["id"].Value == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Groups["i"].Value;
        var response = await director.SubmitFormAsync("/Attendance", new Dictionary<string, string>
        {
            [$"Lines[{line}].CentreDaysExpected"] = "20", [$"Lines[{line}].CentreDaysPresent"] = "19",
            [$"Lines[{line}].HostDaysExpected"] = "0", [$"Lines[{line}].HostDaysPresent"] = "0",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        Assert.DoesNotContain(RiskListTests.Missing, RiskListTests.RowOf(await AllPagesAsync(regional), name) ?? "", StringComparison.Ordinal);
        var flags = await app.WithDbAsync(db => db.EnrolmentRisks.Where(r => r.EnrolmentId == id).Select(r => r.Reasons).SingleAsync());
        Assert.Equal(0, flags & (1 << (int)RiskReason.MissingMonth));
    }

    /// <summary>Every page of the user's risk list, one after the other.</summary>
    private static async Task<string> AllPagesAsync(HttpClient client)
    {
        var text = new System.Text.StringBuilder();
        for (var page = 1; ; page++)
        {
            var html = await client.GetTextAsync($"/Enrolments/Risk?page={page}");
            text.Append(html);
            if (!html.Contains($"page={page + 1}", StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }
    }

    [GeneratedRegex("name=\"Lines\\[(?<i>\\d+)\\]\\.EnrolmentId\" value=\"(?<id>\\d+)\"")]
    private static partial Regex GridLine();

    [Fact]
    public async Task A_regional_manager_never_sees_another_regions_apprentices_at_risk()
    {
        var name = "Tanger" + Guid.NewGuid().ToString("N")[..8];
        var tanger = await app.CentreInRegionAsync("TTA");
        await app.EnrolmentAsync(await app.MigrantAsync("TTA", familyName: name), tanger.Id, start: app.Clock.Today().AddMonths(-4));
        var rabat = app.CreateBrowserLikeClient();
        await rabat.SignInOrFailAsync(DemoAccounts.RabatManager);
        Assert.Null(RiskListTests.RowOf(await rabat.GetTextAsync("/Enrolments/Risk"), name));
        Assert.Null(RiskListTests.RowOf(await rabat.GetTextAsync($"/Enrolments/Risk?regionId={tanger.RegionId}"), name));
        Assert.Null(RiskListTests.RowOf(await rabat.GetTextAsync($"/Enrolments/Risk?centreId={tanger.Id}"), name));
        var national = app.CreateBrowserLikeClient();
        await national.SignInOrFailAsync(DemoAccounts.National);
        Assert.Contains(RiskListTests.Missing, RiskListTests.RowOf(await national.GetTextAsync($"/Enrolments/Risk?regionId={tanger.RegionId}"), name), StringComparison.Ordinal);
    }
}
