using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Activities;

public sealed class ActivityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static Dictionary<string, string> Proposal(string fileNumber, int? needId = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["MemberFileNumbers"] = fileNumber, ["Name"] = "Épicerie solidaire Hay Nahda", ["Sector"] = "Commerce", ["City"] = "Rabat",
            ["BusinessPlan"] = "Petit commerce de quartier.", ["ExpectedMonthlyRevenue"] = "2500", ["GrantRequested"] = "15000",
            ["BudgetLines[0].Label"] = "Stock initial", ["BudgetLines[0].Amount"] = "9000.50",
        };
        if (needId is { } n)
        {
            fields["NeedId"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }

    [Fact]
    public async Task Proposed_from_the_case_file_approved_by_the_regional_manager_then_funded_which_closes_the_income_need()
    {
        var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Agr"), "Awa");
        var fileNumber = await app.FileNumberAsync(migrantId);
        var needId = await app.WithDbAsync(async db =>
        {
            var need = new Need { MigrantId = migrantId, RegionId = await db.Migrants.Where(m => m.Id == migrantId).Select(m => m.RegionId).SingleAsync(), Kind = NeedKind.Income, OpenedOn = Today.AddDays(-3) };
            db.Needs.Add(need);
            await db.SaveChangesAsync();
            return need.Id;
        });
        var social = await ClientAsync(DemoAccounts.RabatSocial);

        Assert.Contains($"/Activities/Create?migrantId={migrantId}", await social.GetTextAsync($"/Migrants/Details/{migrantId}"), StringComparison.Ordinal);
        var form = await social.GetTextAsync($"/Activities/Create?migrantId={migrantId}");
        Assert.Contains($"name=\"NeedId\" value=\"{needId}\"", form, StringComparison.Ordinal);
        Assert.Contains(fileNumber, form, StringComparison.Ordinal);

        var created = await social.PostFormAsync($"/Activities/Create?migrantId={migrantId}", Proposal(fileNumber, needId), "/Activities/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var details = await social.GetTextAsync($"/Activities/Details/{id}");
        Assert.Contains("Proposée", details, StringComparison.Ordinal);
        Assert.Contains("9 000,50", details.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain("/Activities/Decide/", details, StringComparison.Ordinal);

        // The social worker cannot decide; the region's manager does.
        var decide = new Dictionary<string, string> { ["Approve"] = "true", ["Score"] = "78", ["GrantGranted"] = "12000", ["Comment"] = "Projet viable" };
        Assert.Equal(HttpStatusCode.Forbidden, (await social.PostFormAsync($"/Activities/Details/{id}", decide, $"/Activities/Decide/{id}")).StatusCode);
        var manager = await ClientAsync(DemoAccounts.RabatManager);
        var tooMuch = await manager.PostFormAsync($"/Activities/Details/{id}", new Dictionary<string, string>(decide) { ["GrantGranted"] = "15000.01" }, $"/Activities/Decide/{id}");
        Assert.Contains("ne pas dépasser le montant demandé", await tooMuch.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync($"/Activities/Details/{id}", decide, $"/Activities/Decide/{id}")).StatusCode);

        // A tranche beyond the grant: a clear message, nothing saved.
        var beyond = await social.PostFormAsync($"/Activities/Details/{id}",
            new Dictionary<string, string> { ["Amount"] = "12000.01", ["PaidOn"] = Iso(Today), ["ReceiptReference"] = "REC-1" }, $"/Activities/AddTranche/{id}");
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        var beyondHtml = await beyond.ReadTextAsync();
        Assert.Contains("Cette tranche dépasserait la subvention accordée.", beyondHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"REC-1\"", beyondHtml, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ActivityTranches.CountAsync(t => t.IncomeActivityId == id)));

        var paid = await social.PostFormAsync($"/Activities/Details/{id}",
            new Dictionary<string, string> { ["Amount"] = "6000", ["PaidOn"] = Iso(Today), ["Condition"] = "Achat du stock", ["ReceiptReference"] = "REC-1" }, $"/Activities/AddTranche/{id}");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var activity = await app.WithDbAsync(db => db.IncomeActivities.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((ActivityStatus.Funded, 12000m, 78, needId), (activity.Status, activity.GrantGranted!.Value, activity.CommitteeScore!.Value, activity.NeedId!.Value));
        Assert.Equal(NeedStatus.Done, await app.WithDbAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));
        // Each step is audited.
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(IncomeActivity) && e.EntityKey == id.ToString()));
        Assert.True(audited >= 3, $"{audited} audit entries");
        // On the case file's timeline, with a link.
        Assert.Contains($"/Activities/Details/{id}", await social.GetTextAsync($"/Migrants/Details/{migrantId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visit_before_the_first_funding_or_in_the_future_is_refused_and_nothing_is_saved()
    {
        var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Vis"), "Awa");
        var id = await app.ActivityAsync("Atelier visite", ActivityStatus.Funded, migrantId);
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var early = await social.PostFormAsync($"/Activities/Details/{id}",
            new Dictionary<string, string> { ["Date"] = Iso(Today.AddDays(-45)), ["Operating"] = "true", ["MonthlyRevenue"] = "100" }, $"/Activities/RecordVisit/{id}");
        Assert.Contains("Une visite de suivi ne peut précéder le premier versement.", await early.ReadTextAsync(), StringComparison.Ordinal);
        var future = await social.PostFormAsync($"/Activities/Details/{id}",
            new Dictionary<string, string> { ["Date"] = Iso(Today.AddDays(3)), ["Operating"] = "true" }, $"/Activities/RecordVisit/{id}");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ActivityVisits.CountAsync(v => v.IncomeActivityId == id)));

        var ok = await social.PostFormAsync($"/Activities/Details/{id}",
            new Dictionary<string, string> { ["Date"] = Iso(Today), ["Operating"] = "true", ["MonthlyRevenue"] = "3000", ["MonthlyExpenses"] = "1200" }, $"/Activities/RecordVisit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(ActivityStatus.Operating, await app.WithDbAsync(db => db.IncomeActivities.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_proposal_with_an_unknown_file_or_without_a_name_is_refused_with_the_input_kept()
    {
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        var response = await social.PostFormAsync("/Activities/Create", new Dictionary<string, string>(Proposal("RSK-0000-NOPE")) { ["Name"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("Indiquez l'activité.", html, StringComparison.Ordinal);
        Assert.Contains("Petit commerce de quartier.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_regions_staff_get_404_directors_and_partners_have_no_access_and_national_roles_read()
    {
        var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Scope"), "Awa");
        var name = "Atelier portée " + MigrantTestData.UniqueName("x");
        var id = await app.ActivityAsync(name, ActivityStatus.Proposed, migrantId);
        var tangerManager = await app.TangerManagerAsync();

        foreach (var email in new[] { DemoAccounts.TangerSocial, tangerManager })
        {
            var client = await ClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Activities/Details/{id}")).StatusCode);
            Assert.DoesNotContain(name, await client.GetTextAsync("/Activities"), StringComparison.Ordinal);
        }
        var tanger = await ClientAsync(tangerManager);
        var decide = await tanger.PostFormAsync("/Activities", new Dictionary<string, string> { ["Approve"] = "true", ["Score"] = "90", ["GrantGranted"] = "100" }, $"/Activities/Decide/{id}");
        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        Assert.Equal(ActivityStatus.Proposed, await app.WithDbAsync(db => db.IncomeActivities.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        // Directors and partners see no activity (issue 10): for them the record does not exist (404), the list is forbidden.
        foreach (var email in new[] { DemoAccounts.AlkariDirector, DemoAccounts.PartnerEu })
        {
            var client = await ClientAsync(email);
            var response = await client.GetAsync($"/Activities/Details/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Activities")).StatusCode);
            Assert.DoesNotContain(name, await response.ReadTextAsync(), StringComparison.Ordinal);
        }
        foreach (var email in new[] { DemoAccounts.RabatSocial, DemoAccounts.RabatManager, DemoAccounts.National, DemoAccounts.Admin })
        {
            var client = await ClientAsync(email);
            Assert.Contains(name, await client.GetTextAsync($"/Activities/Details/{id}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_director_sees_only_the_status_of_their_apprentices_activity_on_the_case_file()
    {
        var centre = await app.CentreAsync();
        var migrantId = await app.MigrantAsync("RSK");
        await app.EnrolmentAsync(migrantId, centre.Id);
        var name = "Atelier apprenti " + MigrantTestData.UniqueName("x");
        await app.ActivityAsync(name, ActivityStatus.Approved, migrantId);
        var director = await ClientAsync(DemoAccounts.AlkariDirector);
        var html = await director.GetTextAsync($"/Migrants/Details/{migrantId}");
        Assert.Contains("Approuvée", html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Activities/Details/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visits_due_are_on_the_home_page_of_the_regions_social_workers()
    {
        var migrantId = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Due"), "Awa");
        var name = "Atelier à visiter " + MigrantTestData.UniqueName("x");
        var id = await app.ActivityAsync(name, ActivityStatus.Funded, migrantId);
        await app.WithDbAsync(async db =>
        {
            // First funding four months ago: the visit is late.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE IncomeActivities SET FirstFundedOn = {Today.AddMonths(-4)} WHERE Id = {id}");
        });
        Assert.Contains(name, await (await ClientAsync(DemoAccounts.RabatSocial)).GetTextAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await (await ClientAsync(DemoAccounts.TangerSocial)).GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task The_pages_show_no_untranslated_resource_key(string culture)
    {
        var (activity, distribution, migrant) = await app.WithDbAsync(async db => (
            await db.IncomeActivities.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            await db.AidDistributions.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            await db.ActivityMembers.OrderBy(a => a.Id).Select(a => a.MigrantId).FirstAsync()));
        var client = await ClientAsync(DemoAccounts.RabatManager);
        foreach (var url in new[] { "/", "/Activities", "/Activities/Create", $"/Activities/Details/{activity}", "/Distributions", "/Distributions/Create",
            $"/Distributions/Details/{distribution}", "/Distributions/Reconciliation", "/Distributions/Sites", $"/Distributions/Card/{migrant}", $"/Migrants/Details/{migrant}" })
        {
            var response = await client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}culture={culture}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.ReadTextAsync();
            var leaked = System.Text.RegularExpressions.Regex.Match(html, @">\s*(Activities|ActivityStatus|ActivitySector|AidKind|Distributions|Migrants|Nav|Field|CaseWork)\.[A-Za-z.]+\s*<");
            Assert.False(leaked.Success, $"{url} in {culture} shows the raw key {leaked.Value}");
        }
    }
}
