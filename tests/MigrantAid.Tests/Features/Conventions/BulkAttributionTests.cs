using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Conventions;

/// <summary>
/// Bulk attribution on a convention's page, for each kind of record: the filters count the
/// matching records and those already attributed, the confirm form attributes them once (no
/// duplicate row when sent again), the detach form asks first and removes them, and the
/// convention's indicator actuals follow. Only the records the user may see are touched.
/// </summary>
public sealed class BulkAttributionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<int> ConventionAsync(params string[] regionCodes) =>
        app.WithDbAsync(async db =>
        {
            var regions = await db.Regions.Where(r => regionCodes.Contains(r.Code)).Select(r => r.Id).ToListAsync();
            var c = new PartnerConvention
            {
                Reference = "BULK-" + Guid.NewGuid().ToString("N")[..8], Title = "Convention en masse", Themes = ConventionTheme.HumanitarianAid,
                Regions = regions.Select(r => new ConventionRegion { RegionId = r }).ToList(),
            };
            db.PartnerConventions.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    private Task<List<int>> AttributedAsync(int convention, AttributedRecordKind kind) =>
        app.WithDbAsync(db => db.ConventionAttributions.Where(a => a.PartnerConventionId == convention && a.RecordKind == kind).Select(a => a.RecordId).ToListAsync());

    private Task<decimal> ActualAsync(IndicatorKind kind, int convention) =>
        ComputeAsync(kind, convention);

    private async Task<decimal> ComputeAsync(IndicatorKind kind, int convention)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calculator = scope.ServiceProvider.GetRequiredService<IndicatorCalculator>();
        return (await calculator.ComputeAsync(kind, [convention], new ReportPeriod(Today.Year, null), PartnerConvention.DefaultAgeBands, false, CancellationToken.None)).Total;
    }

    private static string Status(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("#bulk-count")!.TextContent.Trim();

    [Fact]
    public async Task Activities_are_attributed_in_bulk_once_then_removed_after_confirmation_and_the_funded_actual_follows()
    {
        var convention = await ConventionAsync("RSK");
        var migrant = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Bulk"), "Awa");
        var funded = await app.ActivityAsync("Atelier en masse 1", ActivityStatus.Funded, migrant);
        var operating = await app.ActivityAsync("Atelier en masse 2", ActivityStatus.Operating, migrant);
        var proposed = await app.ActivityAsync("Atelier en masse 3", ActivityStatus.Proposed, migrant);
        var rsk = await app.RegionIdAsync("RSK");
        var (from, to) = (Today.AddDays(-41), Today.AddDays(-39));
        var expected = await app.WithDbAsync(db => db.IncomeActivities.Where(a => a.RegionId == rsk && a.Sector == ActivitySector.Commerce
            && a.FirstFundedOn >= from && a.FirstFundedOn <= to).Select(a => a.Id).ToListAsync());
        Assert.Contains(funded, expected);
        Assert.Contains(operating, expected);
        Assert.DoesNotContain(proposed, expected);

        var national = await SignedInAsync(DemoAccounts.National);
        Assert.Contains($"/Conventions/Attribute/{convention}", await national.GetTextAsync($"/Conventions/Details/{convention}"), StringComparison.Ordinal);
        var kindPage = await national.GetTextAsync($"/Conventions/Attribute/{convention}?Kind=IncomeGeneratingActivity");
        var filters = new HtmlParser().ParseDocument(kindPage).QuerySelector("#bulk-filters")!;
        foreach (var field in new[] { "RegionId", "ActivityStatus", "Sector", "FundedFrom", "FundedTo" })
        {
            Assert.NotNull(filters.QuerySelector($"[name='{field}']"));
        }
        // What the filter form sends (a GET form): region, sector, first funding between two dates.
        var url = $"/Conventions/Attribute/{convention}?Kind=IncomeGeneratingActivity&RegionId={rsk}&ActivityStatus=&Sector=Commerce&FundedFrom={Iso(from)}&FundedTo={Iso(to)}";
        var preview = await national.GetTextAsync(url);
        Assert.Equal($"{expected.Count} activité(s) correspondent, dont 0 déjà attribuée(s).", Status(preview));
        Assert.Equal(0m, await ActualAsync(IndicatorKind.ActivitiesFunded, convention));

        var confirm = await national.GetFormAsync(url, "#bulk-attribute");
        var done = await confirm.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(expected.Order(), (await AttributedAsync(convention, AttributedRecordKind.IncomeGeneratingActivity)).Order());
        Assert.Equal(expected.Count, await ActualAsync(IndicatorKind.ActivitiesFunded, convention));
        var after = await national.GetTextAsync(done.Headers.Location!.OriginalString);
        Assert.Contains($"{expected.Count} activité(s) attribuée(s) à la convention.", after, StringComparison.Ordinal);
        Assert.Equal($"{expected.Count} activité(s) correspondent, dont {expected.Count} déjà attribuée(s).", Status(after));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ConventionAttribution) && a.Action == AuditAction.Created)));

        // The same confirmation sent again (a second tab, a double click) adds no row.
        Assert.Equal(HttpStatusCode.Redirect, (await confirm.SubmitAsync()).StatusCode);
        Assert.Equal(expected.Count, (await AttributedAsync(convention, AttributedRecordKind.IncomeGeneratingActivity)).Count);

        // Removal asks first (data-confirm), then detaches them all; the actual goes back to zero.
        var detach = await national.GetFormAsync(url, "#bulk-detach");
        Assert.False(string.IsNullOrEmpty(detach.Element.GetAttribute("data-confirm")));
        Assert.Equal(HttpStatusCode.Redirect, (await detach.SubmitAsync()).StatusCode);
        Assert.Empty(await AttributedAsync(convention, AttributedRecordKind.IncomeGeneratingActivity));
        Assert.Equal(0m, await ActualAsync(IndicatorKind.ActivitiesFunded, convention));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ConventionAttribution) && a.Action == AuditAction.Deleted)));
    }

    [Fact]
    public async Task A_regional_manager_attributes_the_distributions_of_their_region_only_and_the_aid_actual_follows()
    {
        var convention = await ConventionAsync("RSK", "TTA");
        var (rsk, tta) = (await app.RegionIdAsync("RSK"), await app.RegionIdAsync("TTA"));
        var ids = await app.WithDbAsync(async db =>
        {
            var rabat = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = rsk };
            var tanger = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Tanger", RegionId = tta };
            AidDistribution New(AidSite site, int days, int men) => new()
            {
                Date = Today.AddDays(-days), Site = site, RegionId = site.RegionId, Kind = AidKind.Cash, PlannedQuantity = 10, ActualQuantity = 10,
                Unit = "MAD", PlannedRecipients = men, DistributedBy = "x", UnregisteredMen = men,
            };
            var list = new[] { New(rabat, 3, 7), New(rabat, 4, 5), New(tanger, 3, 11) };
            db.AidDistributions.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(d => d.Id).ToList();
        });
        var (from, to) = (Today.AddDays(-5), Today.AddDays(-2));
        var expected = await app.WithDbAsync(db => db.AidDistributions.Where(d => d.RegionId == rsk && d.Kind == AidKind.Cash && d.Date >= from && d.Date <= to)
            .Select(d => new { d.Id, Heads = d.UnregisteredGirls + d.UnregisteredBoys + d.UnregisteredWomen + d.UnregisteredMen + d.Recipients.Count }).ToListAsync());
        Assert.Contains(ids[0], expected.Select(e => e.Id));

        var manager = await SignedInAsync(DemoAccounts.RabatManager);
        var url = $"/Conventions/Attribute/{convention}?Kind=AidDistribution&AidKind=Cash&From={Iso(from)}&To={Iso(to)}";
        Assert.Equal($"{expected.Count} distribution(s) correspondent, dont 0 déjà attribuée(s).", Status(await manager.GetTextAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitFormAsync(url, form: "#bulk-attribute")).StatusCode);
        var attributed = await AttributedAsync(convention, AttributedRecordKind.AidDistribution);
        Assert.Equal(expected.Select(e => e.Id).Order(), attributed.Order());
        Assert.DoesNotContain(ids[2], attributed);
        Assert.Equal(expected.Sum(e => e.Heads), await ActualAsync(IndicatorKind.AidRecipients, convention));

        // The end before the start is a message on the page, and a tampered confirmation without any filter changes nothing.
        var bad = await manager.GetTextAsync($"/Conventions/Attribute/{convention}?Kind=AidDistribution&From={Iso(to)}&To={Iso(from)}");
        Assert.Contains("La date de fin précède la date de début.", bad, StringComparison.Ordinal);
        var refused = await (await manager.GetFormAsync(url, "#bulk-detach")).SubmitTamperedAsync(new Dictionary<string, string> { ["AidKind"] = "", ["From"] = "", ["To"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choisissez au moins un critère.", await refused.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(expected.Count, (await AttributedAsync(convention, AttributedRecordKind.AidDistribution)).Count);

        // A convention of another region is 404 on this page.
        var other = await ConventionAsync("ORI");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Conventions/Attribute/{other}?Kind=AidDistribution")).StatusCode);
    }

    [Fact]
    public async Task Enrolments_are_filtered_by_status_too_and_attributed_once()
    {
        var convention = await ConventionAsync("RSK");
        var centre = await app.CentreAsync();
        var suspended = await app.EnrolmentAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Bulk"), "Awa"), centre.Id, EnrolmentStatus.Suspended);
        var active = await app.EnrolmentAsync(await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Bulk"), "Binta"), centre.Id, EnrolmentStatus.Active);
        var expected = await app.WithDbAsync(db => db.Enrolments.Where(e => e.TrainingCentreId == centre.Id && e.Status == EnrolmentStatus.Suspended).Select(e => e.Id).ToListAsync());
        Assert.Contains(suspended, expected);

        Assert.Equal(0m, await ActualAsync(IndicatorKind.PeopleEnrolled, convention));
        var national = await SignedInAsync(DemoAccounts.National);
        var url = $"/Conventions/Attribute/{convention}?Kind=Enrolment&CentreCode={centre.Code}&EnrolmentStatus=Suspended";
        Assert.Equal($"{expected.Count} inscription(s) correspondent, dont 0 déjà attribuée(s).", Status(await national.GetTextAsync(url)));
        var confirm = await national.GetFormAsync(url, "#bulk-attribute");
        Assert.Equal(HttpStatusCode.Redirect, (await confirm.SubmitAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await confirm.SubmitAsync()).StatusCode);
        var attributed = await AttributedAsync(convention, AttributedRecordKind.Enrolment);
        Assert.Equal(expected.Order(), attributed.Order());
        Assert.DoesNotContain(active, attributed);
        // The apprentice enrolled three months ago now counts for the convention.
        Assert.True(await ActualAsync(IndicatorKind.PeopleEnrolled, convention) >= 1);
    }

    [Fact]
    public async Task Editing_a_distribution_keeps_its_attribution_to_a_convention_the_editor_cannot_read()
    {
        var national = await ConventionAsync();
        var rsk = await app.RegionIdAsync("RSK");
        var id = await app.WithDbAsync(async db =>
        {
            var d = new AidDistribution
            {
                Date = Today.AddDays(-3), Site = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = rsk }, RegionId = rsk,
                Kind = AidKind.Food, PlannedQuantity = 10, ActualQuantity = 10, Unit = "colis", DistributedBy = "x", UnregisteredWomen = 4,
            };
            db.AidDistributions.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var manager = await SignedInAsync(DemoAccounts.National);
        var url = $"/Conventions/Attribute/{national}?Kind=AidDistribution&RegionId={rsk}&From={Iso(Today.AddDays(-3))}&To={Iso(Today.AddDays(-3))}";
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitFormAsync(url, form: "#bulk-attribute")).StatusCode);
        Assert.Contains(id, await AttributedAsync(national, AttributedRecordKind.AidDistribution));

        // A Rabat social worker corrects the distribution: the national convention is not on their form, and stays attributed.
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        var edit = await social.GetTextAsync($"/Distributions/Edit/{id}");
        Assert.DoesNotContain(new HtmlParser().ParseDocument(edit).QuerySelectorAll("select[name=ConventionIds] option"), i => i.GetAttribute("value") == N(national));
        Assert.Equal(HttpStatusCode.Redirect, (await social.SubmitFormAsync($"/Distributions/Edit/{id}", new Dictionary<string, string> { ["ActualQuantity"] = "9" })).StatusCode);
        Assert.Contains(id, await AttributedAsync(national, AttributedRecordKind.AidDistribution));
    }
}
