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
}
