using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MigrantRegistryBrowserTests(BrowserFixture browser)
{
    private static async Task FillRegistrationAsync(IPage page)
    {
        await page.GotoAsync("/Migrants/Create");
        await page.GetByLabel("Nom de famille", new() { Exact = true }).FillAsync("Diallo");
        await page.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Aïssatou");
        await page.GetByLabel("Nom de famille en arabe").FillAsync("ديالو");
        await page.GetByLabel("Prénom en arabe").FillAsync("عائشة");
        await page.GetByLabel("Sexe").SelectOptionAsync("Female");
        await page.GetByLabel("Année de naissance (si la date est inconnue)").FillAsync("1996");
        await page.GetByLabel("Nationalité").SelectOptionAsync("GN");
        await page.GetByLabel("Ville").FillAsync("Rabat");
        await page.GetByLabel("Consentement recueilli").CheckAsync();
    }

    [SkippableFact]
    public async Task A_social_worker_registers_Aissatou_Diallo_finds_her_in_another_spelling_and_is_warned_of_a_duplicate()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.RabatSocial);

        await FillRegistrationAsync(page);
        await browser.CheckPageAsync(page, "migrant-create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer un migrant" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Migrants/Details/\\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("RSK-");
        var detailsUrl = page.Url;
        await browser.CheckPageAsync(page, "migrant-details");

        await page.GotoAsync("/Migrants");
        await page.GetByLabel("Rechercher").FillAsync("aissatou dialo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Link, new() { Name = "Diallo Aïssatou" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("ديالو عائشة")).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "migrant-search");
        await row.ClickAsync();
        Assert.Equal(detailsUrl, page.Url);

        await FillRegistrationAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer un migrant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cette personne est peut-être déjà enregistrée" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#duplicates a[href^='/Migrants/Details/']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Prénom", new() { Exact = true })).ToHaveValueAsync("Aïssatou");
        await browser.CheckPageAsync(page, "migrant-duplicate");
    }

    [SkippableFact]
    public async Task The_registrys_other_pages_pass_the_accessibility_check_in_French_and_Arabic()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.RabatSocial);
        await FillRegistrationAsync(page);
        await page.GetByLabel("Nom de famille", new() { Exact = true }).FillAsync("Kouyaté");
        await page.GetByLabel("Nom de famille en arabe").FillAsync("كوياتي");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer un migrant" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Migrants/Details/\\d+$"));
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        foreach (var culture in new[] { "fr", "ar" })
        {
            foreach (var url in new[] { "/Migrants/Import", "/Migrants/Expiring", $"/Migrants/{id}/AddNote", $"/Migrants/{id}/AddNeed", $"/Migrants/{id}/AddMember", $"/Migrants/Edit/{id}", $"/Migrants/Print/{id}", "/Migrants?q=zzzz" })
            {
                await page.GotoAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");
                await browser.CheckPageAsync(page, $"migrants-{culture}-{url.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-')}");
            }
        }
    }
}
