using Microsoft.Playwright;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

/// <summary>The error summary after a bad submit, and pages that fit a 390 px phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EverydayQualityBrowserTests(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("fr", "Le formulaire contient des erreurs")]
    [InlineData("ar", "يتضمن النموذج أخطاء")]
    [InlineData("en", "There is a problem")]
    public async Task After_a_bad_submit_the_error_summary_is_focused_and_links_to_the_field(string culture, string title)
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.RabatSocial);
        await page.GotoAsync($"/Migrants/Create?culture={culture}");
        await page.Locator("form[action='/Migrants/Create'] button[type=submit]").Last.ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(summary).ToContainTextAsync(title);
        await Assertions.Expect(summary).ToBeFocusedAsync();
        // A link per field error; following it puts the cursor in the field.
        var link = summary.Locator("a[href='#FamilyName']");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("#FamilyName")).ToBeFocusedAsync();
        await browser.CheckPageAsync(page, $"error-summary-{culture}");
    }

    // Names the deepest elements sticking out of the viewport, to say what to fix.
    private const string WidestElement = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => !e.parentElement.closest('.table-responsive, .visually-hidden, .visually-hidden-focusable, .collapse:not(.show)'))
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || e.getBoundingClientRect().left < -1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .slice(0, 5).map(e => e.tagName + '.' + [...e.classList].join('.') + (e.id ? '#' + e.id : '')).join(', ')
        """;

    [SkippableFact]
    public async Task No_page_is_wider_than_a_390_px_phone()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var app = browser.App;
        var alkari = await app.CentreAsync();
        var migrant = await app.MigrantAsync(familyName: "Diabaté-Konaté-Ouedraogo");
        var enrolment = await app.EnrolmentAsync(migrant, alkari.Id, start: TrainingData.Today.AddMonths(-3));
        var pages = new Dictionary<string, string[]>
        {
            [DemoAccounts.AlkariDirector] = ["/", "/Enrolments", $"/Enrolments/Details/{enrolment}", "/Attendance", "/Enrolments/Risk", "/Hosts", "/Hosts/Create"],
            [DemoAccounts.RabatSocial] = ["/", "/Migrants", "/Migrants/Create", $"/Migrants/Details/{migrant}", $"/Migrants/{migrant}/AddNote", "/Distributions", "/Activities"],
            [DemoAccounts.RabatManager] = ["/", "/Centres", "/Dashboard"],
        };
        var overflowing = new List<string>();
        foreach (var (account, urls) in pages)
        {
            var page = await browser.NewPageAsync(width: 390, height: 844);
            await browser.SignInAsync(page, account);
            foreach (var culture in new[] { "fr", "ar" })
            {
                foreach (var url in urls)
                {
                    await page.GotoAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");
                    var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    if (size[0] > size[1])
                    {
                        var wide = await page.EvaluateAsync<string>(WidestElement);
                        overflowing.Add($"{account} {url} ({culture}): {size[0]} > {size[1]}: {wide}");
                    }
                }
            }
        }
        Assert.True(overflowing.Count == 0, "Wider than the phone:\n" + string.Join("\n", overflowing));
    }

    [SkippableFact]
    public async Task On_a_phone_the_registry_shows_results_before_a_folded_filter_panel()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await browser.SignInAsync(page, DemoAccounts.RabatSocial);
        await page.GotoAsync("/Migrants?culture=fr");
        var panel = page.Locator("details.registry-filters");
        await Assertions.Expect(panel).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#nationalityCode")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#q")).ToBeVisibleAsync();
        await panel.Locator("summary").ClickAsync();
        await Assertions.Expect(page.Locator("#nationalityCode")).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "registry-phone-fr");

        // On a computer every filter shows.
        var wide = await browser.NewPageAsync();
        await browser.SignInAsync(wide, DemoAccounts.RabatSocial);
        await wide.GotoAsync("/Migrants?culture=fr");
        await Assertions.Expect(wide.Locator("details.registry-filters")).ToHaveCountAsync(0);
        await Assertions.Expect(wide.Locator("#nationalityCode")).ToBeVisibleAsync();
    }
}
