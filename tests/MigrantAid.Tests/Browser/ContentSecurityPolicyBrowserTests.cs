using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_inline_style_is_refused_by_the_browser_and_the_check_reports_it()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        browser.AssertNoCspViolation(page, "login");

        // What MVC's validation summary used to write: refused under style-src 'self'.
        await page.EvaluateAsync("document.querySelector('main').insertAdjacentHTML('beforeend', '<ul><li style=\"display:none\">x</li></ul>')");
        await Assertions.Expect(page.Locator("main li", new() { HasText = "x" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => true");
        var log = browser.LogOf(page);
        Assert.Contains(log, m => m.Contains("CSP violation: style-src", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(() => browser.AssertNoCspViolation(page, "login with an inline style"));
    }

    [SkippableFact]
    public async Task A_form_shown_again_with_errors_raises_no_CSP_violation()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.AlkariDirector);
        await page.GotoAsync("/Hosts/Create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        // The page comes back with its errors shown beside the fields.
        await Assertions.Expect(page.Locator(".invalid-feedback").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\S") }).First).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "host-create-errors-fr");
    }
}
