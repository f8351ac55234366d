using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_social_worker_signs_in_in_French_switches_to_Arabic_and_sees_a_right_to_left_home_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "signin-fr");

        await page.GetByLabel("Adresse e-mail").FillAsync(DemoAccounts.RabatSocial);
        await page.GetByLabel("Mot de passe").FillAsync(MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue, Assistante sociale Rabat" })).ToBeVisibleAsync();
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckPageAsync(page, "home-fr");

        await page.Locator("#languageMenu").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "مرحبًا، Assistante sociale Rabat" })).ToBeVisibleAsync();
        Assert.Contains("bootstrap.rtl.min.css", await page.ContentAsync(), StringComparison.Ordinal);
        // Right-to-left for real: the brand sits on the right of the navigation bar.
        var brand = await page.Locator(".navbar-brand").BoundingBoxAsync();
        Assert.True(brand!.X > 1280 / 2, $"brand at x={brand.X}, expected on the right in Arabic");
        await browser.CheckPageAsync(page, "home-ar");

        // The choice is remembered on the next page.
        await page.GotoAsync("/Centres");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckPageAsync(page, "centres-ar");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu_button_and_pages_fit_the_screen()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, DemoAccounts.RabatManager);
        var centresLink = page.GetByRole(AriaRole.Link, new() { Name = "Centres", Exact = true });
        await Assertions.Expect(centresLink).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher ou masquer la navigation" }).ClickAsync();
        await Assertions.Expect(centresLink).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "home-phone-menu-fr");
        await centresLink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Centres de formation" })).ToBeVisibleAsync();
        // Nothing but the scrollable table region is wider than the screen.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the centres page scrolls sideways on a phone");
        await browser.CheckPageAsync(page, "centres-phone-fr");
    }
}
