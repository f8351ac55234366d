using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdministrationBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_administrator_signs_in_with_the_authenticator_code_creates_a_user_and_reads_the_audit_trail()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail").FillAsync(DemoAccounts.Admin);
        await page.GetByLabel("Mot de passe").FillAsync(DemoDataSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vérification en deux étapes" })).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "two-factor-fr");
        await page.GetByLabel("Code de vérification").FillAsync(Totp.CurrentCode(DemoDataSeeder.DemoAuthenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue, Administratrice nationale" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = DemoAccounts.TangerSocial })).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "users-fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un utilisateur" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync("directeur.fes@migrantaid.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        // What was typed is kept, and each missing field says why.
        await Assertions.Expect(page.Locator(".invalid-feedback").GetByText("Saisissez le nom de la personne.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Adresse e-mail")).ToHaveValueAsync("directeur.fes@migrantaid.test");
        await browser.CheckPageAsync(page, "user-create-errors-fr");

        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Directeur Fès");
        await page.GetByLabel("Rôle").SelectOptionAsync("CentreDirector");
        await page.GetByLabel("Code du centre (directeur de centre)").FillAsync(DemoDataSeeder.AlkariCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("temporary-password")).ToBeVisibleAsync();

        await page.GotoAsync("/Admin/Audit?culture=ar");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "سجل التدقيق" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("directeur.fes@migrantaid.test").First).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "audit-ar");
    }
}
