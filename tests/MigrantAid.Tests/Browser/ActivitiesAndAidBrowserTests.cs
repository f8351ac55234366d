using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ActivitiesAndAidBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task From_a_risk_list_row_a_social_worker_proposes_an_activity_the_regional_manager_approves_it_and_the_first_tranche_funds_it()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var app = browser.App;
        var family = MigrantTestData.UniqueName("Risk");
        // Started two months ago with no attendance entered: on the risk list.
        await app.EnrolmentAsync(await app.MigrantAsync(familyName: family), (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-2));

        var social = await browser.NewPageAsync();
        await browser.SignInAsync(social, DemoAccounts.RabatSocial);
        await social.GotoAsync("/Enrolments/Risk");
        var row = social.GetByRole(AriaRole.Row).Filter(new() { HasText = family });
        await row.GetByRole(AriaRole.Link, new() { Name = "Proposer une activité génératrice de revenus" }).ClickAsync();
        await Assertions.Expect(social.GetByRole(AriaRole.Heading, new() { Name = "Proposer une activité génératrice de revenus" })).ToBeVisibleAsync();
        await social.GetByLabel("Activité", new() { Exact = true }).FillAsync("Atelier de soudure " + family);
        await social.GetByLabel("Ville").FillAsync("Rabat");
        await social.GetByLabel("Secteur").SelectOptionAsync("Services");
        await social.GetByLabel("Plan d'affaires").FillAsync("Soudure et réparation de portails pour le quartier.");
        await social.GetByLabel("Revenu mensuel attendu (MAD)").FillAsync("3000");
        await social.GetByLabel("Subvention demandée (MAD)").FillAsync("20000");
        await browser.CheckPageAsync(social, "activity-propose-fr");
        await social.GetByRole(AriaRole.Button, new() { Name = "Proposer au comité" }).ClickAsync();
        await Assertions.Expect(social.GetByText("Activité proposée au comité régional.")).ToBeVisibleAsync();
        var activityUrl = social.Url;

        var manager = await browser.NewPageAsync();
        await browser.SignInAsync(manager, DemoAccounts.RabatManager);
        await manager.GotoAsync(activityUrl);
        await manager.GetByLabel("Note du comité (sur 100)").FillAsync("82");
        await manager.GetByLabel("Subvention accordée (MAD)").FillAsync("18000");
        await manager.GetByLabel("Avis du comité").FillAsync("Porteur formé à Alkari, marché présent.");
        await browser.CheckPageAsync(manager, "activity-decision-fr");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Activité approuvée.")).ToBeVisibleAsync();

        await social.GotoAsync(activityUrl);
        await social.GetByLabel("Montant (MAD)").FillAsync("9000");
        await social.GetByLabel("Référence du reçu").FillAsync("REC-2026-001");
        await social.GetByRole(AriaRole.Button, new() { Name = "Verser la tranche" }).ClickAsync();
        await Assertions.Expect(social.GetByText("Tranche enregistrée.")).ToBeVisibleAsync();
        await Assertions.Expect(social.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Financée");
        await browser.CheckPageAsync(social, "activity-funded-fr");
    }

    [SkippableFact]
    public async Task A_distribution_at_Al_Kamra_with_5_registered_and_40_unregistered_people()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var app = browser.App;
        var numbers = new List<string>();
        var families = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            families.Add(MigrantTestData.UniqueName("Kamra"));
            numbers.Add(await app.FileNumberAsync(await app.AddMigrantAsync("RSK", families[i], "Awa")));
        }
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.RabatSocial);
        await page.GotoAsync("/Distributions");
        await browser.CheckPageAsync(page, "distributions-fr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle distribution" }).ClickAsync();
        await page.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = "Al Kamra, Rabat" });
        await page.GetByLabel("Type d'aide").SelectOptionAsync("HygieneKit");
        await page.GetByLabel("Quantité prévue").FillAsync("50");
        await page.GetByLabel("Quantité distribuée").FillAsync("45");
        await page.GetByLabel("Unité").FillAsync("kits");
        await page.GetByLabel("Bénéficiaires prévus").FillAsync("50");
        await page.GetByLabel("Filles (moins de 18 ans)").FillAsync("4");
        await page.GetByLabel("Garçons (moins de 18 ans)").FillAsync("6");
        await page.GetByLabel("Femmes").FillAsync("10");
        await page.GetByLabel("Hommes").FillAsync("20");
        await page.GetByLabel("Motif des écarts").FillAsync("Moins de monde que prévu");
        await browser.CheckPageAsync(page, "distribution-create-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la distribution" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Distribution enregistrée.")).ToBeVisibleAsync();
        foreach (var number in numbers.Take(2))
        {
            await page.GetByLabel("Numéro de dossier").FillAsync(number);
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le bénéficiaire" }).ClickAsync();
            await Assertions.Expect(page.GetByText($"{number} ajouté à la liste.")).ToBeVisibleAsync();
        }
        // A QR scanner types the card's number and Enter into the focused field; back on the page, the field has the focus for the next card.
        foreach (var number in numbers.Skip(2).Take(2))
        {
            await Assertions.Expect(page.GetByLabel("Numéro de dossier")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(number);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByText($"{number} ajouté à la liste.")).ToBeVisibleAsync();
        }
        // The last one found by name and added in one click.
        await page.GetByLabel("Chercher une personne enregistrée par son nom").FillAsync(families[4]);
        await page.GetByLabel("Chercher une personne enregistrée par son nom").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Dossiers correspondant à « {families[4]} »" })).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "distribution-search-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ajouter {families[4]} Awa {numbers[4]}" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{numbers[4]} ajouté à la liste.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dt:has-text('Bénéficiaires servis') + dd")).ToHaveTextAsync("45");
        await browser.CheckPageAsync(page, "distribution-details-fr");
        var id = int.Parse(page.Url.Split('/')[^1].Split('#')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(5, await app.WithDbAsync(db => db.AidRecipients.CountAsync(r => r.AidDistributionId == id)));
    }
}
