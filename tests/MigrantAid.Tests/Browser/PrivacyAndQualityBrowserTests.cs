using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Browser;

/// <summary>
/// The data-protection officer's pages in French and Arabic on a phone (axe, no console error,
/// nothing wider than the screen), left-to-right values on their label's line in Arabic, and the
/// audit trail at 1366 px with long values.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyAndQualityBrowserTests(BrowserFixture browser)
{
    private AppFactory App => browser.App;

    private async Task SignInWithCodeAsync(IPage page, string email)
    {
        await browser.SignInAsync(page, email);
        if (page.Url.Contains("/Account/TwoFactor", StringComparison.Ordinal))
        {
            await page.Locator("#Code").FillAsync(Totp.CurrentCode(DemoDataSeeder.DemoAuthenticatorKey));
            await page.Locator("form[action^='/Account/TwoFactor'] button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        }
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    private void AssertNoConsoleError(IPage page, string name)
    {
        var errors = browser.LogOf(page).Where(m => m.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{name}: console errors:\n" + string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task The_privacy_pages_read_well_on_a_phone_in_french_and_arabic()
    {
        var id = await App.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Vie"), "Awa", configure: m =>
        {
            m.Phone = "+212 600 44 55 66";
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardNumber = "PV" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        });
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await SignInWithCodeAsync(page, DemoAccounts.Admin);
        foreach (var culture in new[] { "fr", "ar" })
        {
            foreach (var (url, name) in new[]
            {
                ("/Privacy", "privacy-register"), ($"/Privacy/Access/{id}", "privacy-access"), ("/Privacy/Requests/New", "privacy-request-new"),
                ("/Privacy/Consents/Expiring", "privacy-consents-expiring"), ("/Retention", "retention"),
            })
            {
                var response = await page.GotoAsync($"{url}?culture={culture}");
                Assert.True(response is { Ok: true }, $"{url} ({culture}) answers {response?.Status}");
                await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
                Assert.Equal(culture == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
                await browser.CheckPageAsync(page, $"{name}-{culture}-390");
                Assert.False(await OverflowsAsync(page), $"{url} ({culture}) is wider than a 390 px screen");
                AssertNoConsoleError(page, $"{url} ({culture})");
            }
        }
    }

    [SkippableFact]
    public async Task In_arabic_a_phone_and_a_card_number_sit_on_their_labels_line_left_to_right()
    {
        var card = "LT" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var id = await App.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Ligne"), "Awa", configure: m =>
        {
            m.Phone = "+212 600 77 88 99";
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.RegularisationYear = 2020;
            m.ResidenceCardNumber = card;
        });
        var page = await browser.NewPageAsync(locale: "ar-MA");
        await SignInWithCodeAsync(page, DemoAccounts.RabatSocial);
        await page.GotoAsync($"/Migrants/Details/{id}?culture=ar");
        foreach (var value in new[] { "+212 600 77 88 99", card })
        {
            var bdi = page.Locator("dd bdi.ltr-value", new() { HasText = value });
            await Assertions.Expect(bdi).ToBeVisibleAsync();
            Assert.Equal("ltr", await bdi.GetAttributeAsync("dir"));
            var label = bdi.Locator("xpath=ancestor::dd[1]/preceding-sibling::dt[1]");
            var (valueBox, labelBox) = (await bdi.BoundingBoxAsync(), await label.BoundingBoxAsync());
            Assert.NotNull(valueBox);
            Assert.NotNull(labelBox);
            // Same line: the value's box starts within its label's line, not below it.
            Assert.True(Math.Abs(valueBox.Y - labelBox.Y) < labelBox.Height,
                $"{value} at y={valueBox.Y}, its label \"{await label.TextContentAsync()}\" at y={labelBox.Y} (height {labelBox.Height})");
            // In Arabic the label is on the right, the value to its left.
            Assert.True(valueBox.X + valueBox.Width <= labelBox.X + 1, $"{value} is not left of its label");
        }
        await browser.CheckPageAsync(page, "case-file-ltr-values-ar");
        AssertNoConsoleError(page, "case file (ar)");
    }

    [SkippableFact]
    public async Task The_audit_trail_fits_1366_pixels_with_long_values()
    {
        var id = await App.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Long"), "Awa");
        var key = id.ToString(CultureInfo.InvariantCulture);
        await App.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = App.Clock.GetUtcNow(), UserName = "une.adresse.tres.longue.pour.voir.si.elle.passe@migrantaid.test", EntityType = nameof(Migrant), EntityKey = key,
                Action = AuditAction.Updated, RequestId = "0HN" + new string('R', 120),
                Changes = JsonSerializer.Serialize(new Dictionary<string, string?[]>
                {
                    ["Address"] = [new string('a', 600), "Rue " + new string('b', 900)],
                    ["Skills"] = [null, string.Join(" ", Enumerable.Repeat("menuiserie-électricité-plomberie", 40))],
                }),
            });
            await db.SaveChangesAsync();
        });
        var page = await browser.NewPageAsync(width: 1366, height: 768);
        await SignInWithCodeAsync(page, DemoAccounts.Admin);
        foreach (var culture in new[] { "fr", "ar" })
        {
            await page.GotoAsync($"/Admin/Audit?culture={culture}");
            await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();
            Assert.False(await OverflowsAsync(page), $"/Admin/Audit ({culture}) is wider than 1366 px");
            var wrapper = page.Locator(".table-responsive").First;
            Assert.False(await wrapper.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth + 1"), $"the audit table ({culture}) scrolls sideways at 1366 px");
            await browser.CheckPageAsync(page, $"audit-long-values-{culture}-1366");
            AssertNoConsoleError(page, $"/Admin/Audit ({culture})");
        }
    }
}
