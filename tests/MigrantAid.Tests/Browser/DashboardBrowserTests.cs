using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData(DemoAccounts.RabatManager, true)]
    [InlineData(DemoAccounts.AlkariDirector, true)]
    [InlineData(DemoAccounts.RabatSocial, false)]
    public async Task Each_role_opens_its_home_and_dashboard_in_French_and_Arabic_without_errors(string email, bool dashboard)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await browser.SignInAsync(page, email);
        var name = email.Split('@')[0];
        foreach (var culture in new[] { "fr", "ar" })
        {
            await page.GotoAsync("/?culture=" + culture);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", culture == "ar" ? "rtl" : "ltr");
            await browser.CheckPageAsync(page, $"home-{name}-{culture}");
            if (!dashboard)
            {
                continue;
            }
            await page.GotoAsync("/Dashboard?culture=" + culture);
            await Assertions.Expect(page.Locator("canvas[data-chart]").First).ToBeVisibleAsync();
            // Every canvas was drawn by the vendored Chart.js from its data block.
            var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
            Assert.Equal(await page.Locator("canvas[data-chart]").CountAsync(), drawn);
            await browser.CheckPageAsync(page, $"dashboard-{name}-{culture}");
        }
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }
}
