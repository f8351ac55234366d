using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Browser;

/// <summary>The national roles (signed in with their authenticator code) open their home, the dashboard with its aid and activity charts, and a convention's progress chart, in French and Arabic.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NationalDashboardBrowserTests(BrowserFixture browser)
{
    private static async Task SignInWithCodeAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login?culture=fr");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Code de vérification").FillAsync(Totp.CurrentCode(DemoDataSeeder.DemoAuthenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
    }

    private static async Task AssertChartsDrawnAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("canvas[data-chart]").First).ToBeVisibleAsync();
        var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
        Assert.Equal(await page.Locator("canvas[data-chart]").CountAsync(), drawn);
    }

    [SkippableTheory]
    [InlineData(DemoAccounts.National)]
    [InlineData(DemoAccounts.Admin)]
    public async Task A_national_role_opens_home_dashboard_and_a_conventions_progress_chart_in_French_and_Arabic(string email)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await SignInWithCodeAsync(page, email);
        var name = email.Split('@')[0];
        var convention = await browser.App.WithDbAsync(db => db.PartnerConventions.Where(c => c.Indicators.Any(i => i.Targets.Any())).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        foreach (var culture in new[] { "fr", "ar" })
        {
            await page.GotoAsync("/?culture=" + culture);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", culture == "ar" ? "rtl" : "ltr");
            await browser.CheckPageAsync(page, $"home-{name}-{culture}");

            await page.GotoAsync("/Dashboard?period=Year&culture=" + culture);
            await AssertChartsDrawnAsync(page);
            foreach (var chart in new[] { "aid-kinds", "aid-reached", "activities-flow", "activities-status", "activities-survival" })
            {
                await Assertions.Expect(page.Locator($"canvas#chart-{chart}")).ToBeVisibleAsync();
            }
            await browser.CheckPageAsync(page, $"dashboard-{name}-{culture}");

            await page.GotoAsync($"/Conventions/Details/{convention}?culture={culture}");
            await AssertChartsDrawnAsync(page);
            await browser.CheckPageAsync(page, $"convention-{name}-{culture}");
        }
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }
}
