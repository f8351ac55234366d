using Microsoft.Playwright;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HostPlacementBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_Alkari_director_registers_a_garage_in_Rabat_and_places_an_apprentice_there_at_80_percent()
    {
        // The demo data has no apprentices: one enrolled at Alkari three months ago, not yet placed.
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var apprentice = $"Ndiaye{suffix}";
        var enrolment = await app.EnrolmentAsync(await app.MigrantAsync(familyName: apprentice), (await app.CentreAsync()).Id);
        var garage = $"Garage Atlas {suffix}";

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.AlkariDirector);
        await page.GetByRole(AriaRole.Link, new() { Name = "Professionnels d'accueil" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau professionnel d'accueil" }).ClickAsync();
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(garage);
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Garage" });
        await page.GetByLabel("Filière").SelectOptionAsync(new SelectOptionValue { Label = "Réparation automobile" });
        await page.GetByLabel("Ville").FillAsync("Rabat");
        await page.GetByLabel("Contact").FillAsync("M. Bennani, 0661 00 00 00");
        await browser.CheckPageAsync(page, "host-create-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Le professionnel d'accueil est enregistré.")).ToBeVisibleAsync();

        await page.GotoAsync($"/Enrolments/Details/{enrolment}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stages chez des professionnels" })).ToBeVisibleAsync();
        await page.GetByLabel("Professionnel d'accueil").SelectOptionAsync(new SelectOptionValue { Label = $"{garage} — Rabat" });
        await page.GetByLabel("Part du temps (%)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le stage" }).ClickAsync();

        var placements = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Professionnel d'accueil" }) });
        var row = placements.GetByRole(AriaRole.Row).Filter(new() { HasText = garage });
        await Assertions.Expect(row).ToContainTextAsync($"{garage} — Rabat");
        await Assertions.Expect(row).ToContainTextAsync("80 %");
        await browser.CheckPageAsync(page, "enrolment-placement-fr");
    }
}
