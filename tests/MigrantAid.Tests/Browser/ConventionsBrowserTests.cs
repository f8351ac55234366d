using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Features.Conventions;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConventionsBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_EU_partner_walks_their_convention_pages_in_French_and_Arabic_with_axe_clean()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var id = await browser.App.WithDbAsync(db => db.PartnerConventions.Where(c => c.Reference == ConventionDemoData.EuReference).Select(c => c.Id).SingleAsync());
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.PartnerEu);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vos conventions" })).ToBeVisibleAsync();
        foreach (var culture in new[] { "fr", "ar" })
        {
            foreach (var (url, name) in new[] { ("/", "home"), ("/Conventions", "list"), ($"/Conventions/Details/{id}?year=2018", "details"), ($"/Conventions/Report/{id}?period=2018", "report") })
            {
                await page.GotoAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");
                await browser.CheckPageAsync(page, $"partner-{name}-{culture}");
            }
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex(ConventionDemoData.EuReference) })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task A_regional_manager_attributes_a_sites_distributions_in_bulk_by_keyboard_and_axe_is_clean_in_French_and_Arabic()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var site = "Bulk " + Guid.NewGuid().ToString("N")[..8];
        var id = await browser.App.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            db.AidDistributions.Add(new MigrantAid.Web.Domain.AidDistribution
            {
                Date = TestClock.Today.AddDays(-1), Site = new MigrantAid.Web.Domain.AidSite { Name = site, City = "Salé", RegionId = rsk },
                RegionId = rsk, Kind = MigrantAid.Web.Domain.AidKind.Food, PlannedQuantity = 5, ActualQuantity = 5, Unit = "colis", DistributedBy = "x", UnregisteredMen = 5,
            });
            var convention = new MigrantAid.Web.Domain.PartnerConvention
            {
                Reference = "BULK-" + Guid.NewGuid().ToString("N")[..6], Title = "Convention navigateur", Regions = [new MigrantAid.Web.Domain.ConventionRegion { RegionId = rsk }],
            };
            db.PartnerConventions.Add(convention);
            await db.SaveChangesAsync();
            return convention.Id;
        });
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.RabatManager);
        await page.GotoAsync($"/Conventions/Details/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Attribution en masse" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Type de dossiers" }).GetByRole(AriaRole.Link, new() { Name = "Distributions d'aide" }).ClickAsync();
        await page.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = site + ", Salé" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Compter" }).PressAsync("Enter");
        await Assertions.Expect(page.Locator("#bulk-count")).ToHaveTextAsync("1 distribution(s) correspondent, dont 0 déjà attribuée(s).");
        await browser.CheckPageAsync(page, "bulk-attribution-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Attribuer les 1 distributions non encore attribuées" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByText("1 distribution(s) attribuée(s) à la convention.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bulk-count")).ToHaveTextAsync("1 distribution(s) correspondent, dont 1 déjà attribuée(s).");
        await page.GotoAsync(page.Url + "&culture=ar");
        await browser.CheckPageAsync(page, "bulk-attribution-ar");
    }
}
