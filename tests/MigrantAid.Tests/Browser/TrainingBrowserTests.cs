using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TrainingBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_Alkari_director_enters_a_month_sees_the_low_attendance_on_the_risk_list_and_records_a_dropout_for_income()
    {
        Skip.If(!BrowserFixture.ChromiumAvailable && !BrowserFixture.IsCi, "Chromium not installed");
        var app = browser.App;
        var alkari = await app.CentreAsync();
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var low = $"Sow{suffix}";
        var good = $"Kane{suffix}";
        var lowId = await app.EnrolmentAsync(await app.MigrantAsync(familyName: low), alkari.Id, start: TrainingData.Today.AddMonths(-4));
        var goodId = await app.EnrolmentAsync(await app.MigrantAsync(familyName: good), alkari.Id, start: TrainingData.Today.AddMonths(-4));
        // The month before was already weak; a host placement each, so that attendance is the only signal.
        await app.AttendanceAsync(lowId, TrainingData.Today.AddMonths(-2), 22, 12);
        await app.WithDbAsync(async db =>
        {
            foreach (var id in new[] { lowId, goodId })
            {
                var e = await db.Enrolments.SingleAsync(x => x.Id == id);
                db.HostPlacements.Add(new HostPlacement
                {
                    EnrolmentId = id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = e.StartDate,
                    HostProfessional = new HostProfessional { Name = "Atelier Rabat " + suffix, Kind = HostKind.Workshop, City = "Rabat", TradeId = e.TradeId, RegionId = e.RegionId },
                });
            }
            await db.SaveChangesAsync();
        });

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.AlkariDirector);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Assiduité (de |d').* à saisir$") })).ToBeVisibleAsync();
        await browser.CheckPageAsync(page, "director-home-fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Saisir l'assiduité" }).ClickAsync();
        await page.GetByLabel($"Jours présents au centre — {low} Aminata").FillAsync("1");
        await page.GetByLabel($"Jours présents chez le professionnel — {low} Aminata").FillAsync("8");
        await page.GetByLabel($"Jours présents au centre — {good} Aminata").FillAsync("4");
        await page.GetByLabel($"Jours présents chez le professionnel — {good} Aminata").FillAsync("18");
        await browser.CheckPageAsync(page, "attendance-grid-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mois" }).ClickAsync();
        await Assertions.Expect(page.GetByText("L'assiduité du mois est enregistrée.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel($"Jours présents chez le professionnel — {low} Aminata")).ToHaveValueAsync("8");

        await page.GotoAsync("/Enrolments/Risk");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = low });
        await Assertions.Expect(row).ToContainTextAsync("deux mois de suite");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = good })).ToHaveCountAsync(0);
        await browser.CheckPageAsync(page, "risk-list-fr");

        await row.GetByRole(AriaRole.Link, new() { Name = $"{low} Aminata" }).ClickAsync();
        await page.GetByLabel("Motif de l'abandon").SelectOptionAsync(new SelectOptionValue { Label = "Besoin de revenu — mendicité" });
        await page.GetByLabel("Remarque").FillAsync("Mendie au carrefour le matin");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer un abandon" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Modification enregistrée.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Besoin de revenu — mendicité")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".badge")).ToContainTextAsync("Abandon");
        await browser.CheckPageAsync(page, "enrolment-dropout-fr");
        Assert.Equal(DropoutReason.NeedsIncomeBegging, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == lowId).Select(e => e.DropoutReason).SingleAsync()));
    }

    [SkippableFact]
    public async Task The_training_pages_pass_the_accessibility_check_in_French_and_Arabic()
    {
        var app = browser.App;
        var alkari = await app.CentreAsync();
        var enrolment = await app.EnrolmentAsync(await app.MigrantAsync(), alkari.Id);
        var applicant = await app.MigrantAsync();
        await app.EnrolmentAsync(applicant, alkari.Id, EnrolmentStatus.Applied, start: TrainingData.Today);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.AlkariDirector);
        foreach (var (url, name) in new[]
        {
            ($"/Centres/Details/{alkari.Id}", "centre"), ("/Centres?tradeId=1", "centres"), ("/Enrolments/Find", "enrol-find"), ("/Enrolments/Applications", "applications"),
            ($"/Enrolments/Create?migrantId={applicant}", "enrol"),
            ("/Enrolments", "enrolments"), ($"/Enrolments/Details/{enrolment}", "enrolment"), ("/Hosts", "hosts"), ("/Hosts/Create", "host-create"),
            ("/Attendance", "grid"), ("/Enrolments/FollowUps", "follow-ups"),
        })
        {
            foreach (var culture in new[] { "fr", "ar" })
            {
                await page.GotoAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture);
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", culture == "ar" ? "rtl" : "ltr");
                await browser.CheckPageAsync(page, $"training-{name}-{culture}");
            }
        }
    }
}
