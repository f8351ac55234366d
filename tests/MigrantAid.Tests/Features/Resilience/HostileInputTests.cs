using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>The inputs a security review turned into 500s (issue 12): each now gets a message, a 400 or a 404.</summary>
public sealed class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public async Task A_NUL_character_in_a_form_field_is_refused_with_the_request_page_and_nothing_is_saved()
    {
        var client = await ClientAsync(DemoAccounts.RabatSocial);
        var rsk = await app.RegionIdAsync("RSK");
        var family = UniqueName("Nul");
        var response = await client.SubmitFormAsync("/Migrants/Create?culture=fr", Form(rsk, family + "\0x", "Awa"), "/Migrants/Create");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.ReadTextAsync();
        Assert.Contains("La demande n'a pas pu être traitée", refusal, StringComparison.Ordinal);
        Assert.Contains("caractère invisible ou de contrôle", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Le formulaire a expiré", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName.StartsWith(family))));
        // In a search box (a GET form) too.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/Migrants?q=a%00b")).StatusCode);
    }

    [Theory]
    [InlineData("/Migrants/été")]
    [InlineData("/Migrants?q=محمد")]
    [InlineData("/Migrants?q=\u202Eabc")]
    public async Task Signing_in_with_a_return_address_in_any_script_goes_there(string returnUrl)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Email"] = DemoAccounts.RabatSocial, ["Password"] = MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(returnUrl.Split('?')[0][..5], location, StringComparison.Ordinal);
        Assert.Equal(returnUrl, Uri.UnescapeDataString(location));
    }

    [Fact]
    public async Task A_return_address_to_another_site_leads_home()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString("//évil.example/"),
            new Dictionary<string, string> { ["Email"] = DemoAccounts.RabatSocial, ["Password"] = MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("99999")]
    public async Task An_attendance_grid_for_an_impossible_year_shows_the_month_due(string year)
    {
        var client = await ClientAsync(DemoAccounts.AlkariDirector);
        var response = await client.GetAsync($"/Attendance?year={year}&month=3&culture=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"mars {TestClock.Today.Year}", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("To=9999-12-31")]
    [InlineData("From=0001-01-01&To=9999-12-31")]
    public async Task The_audit_trail_up_to_the_last_day_of_the_calendar_answers(string query)
    {
        var client = await ClientAsync(DemoAccounts.Admin);
        var response = await client.GetAsync("/Admin/Audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_trade_on_a_centre_is_a_message_on_the_form()
    {
        var client = await ClientAsync(DemoAccounts.Admin);
        var alkari = await app.CentreAsync();
        var form = await client.GetFormAsync($"/Centres/Edit/{alkari.Id}?culture=fr", $"/Centres/Edit/{alkari.Id}");
        var response = await form.SubmitTamperedAsync(new Dictionary<string, string> { ["TradeIds"] = "987654" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Une des filières choisies n'existe pas", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_registrations_with_one_residence_card_save_one_file_and_tell_the_others()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var card = "RC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var clients = new List<HttpClient>();
        var forms = new List<WebForm>();
        for (var i = 0; i < 6; i++)
        {
            var client = await ClientAsync(DemoAccounts.RabatSocial);
            clients.Add(client);
            forms.Add(await client.GetFormAsync("/Migrants/Create?culture=fr", "/Migrants/Create"));
        }
        // Different people on paper (names, years), one card number written in different ways.
        var results = await Task.WhenAll(forms.Select((f, i) => f.SubmitAsync(Form(rsk, UniqueName("Carte"), "Awa", "SN",
            (1970 + (i * 5)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("AdministrativeStatus", "Regularised"), ("RegularisationYear", "2017"),
            ("ResidenceCardNumber", i % 2 == 0 ? card : card.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))))));

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)r.StatusCode}"));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in results.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Contains("Ce numéro de carte de séjour figure déjà dans le dossier", await refused.ReadTextAsync(), StringComparison.Ordinal);
        }
        var normalised = MigrantAid.Web.Domain.Migrant.NormalizeDocumentNumber(card);
        Assert.Equal(1, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.ResidenceCardNumber == normalised)));
    }
}
