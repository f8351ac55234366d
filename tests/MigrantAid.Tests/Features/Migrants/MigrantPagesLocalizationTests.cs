using System.Text.RegularExpressions;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

public sealed class MigrantPagesLocalizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task Registry_pages_show_no_untranslated_resource_key(string culture)
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Langue"), "Awa", "ديالو", "عائشة", configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardExpiry = TestClock.Today.AddDays(10);
            m.Vulnerabilities = Vulnerability.ChronicIllness | Vulnerability.Homeless;
        });
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        await client.SubmitFormAsync($"/Migrants/{id}/AddNeed", new Dictionary<string, string> { ["Kind"] = "Legal", ["Status"] = "Done", ["OpenedOn"] = "2026-01-02" });
        var pages = new[]
        {
            "/Migrants", "/Migrants?q=zzzz-nothing", "/Migrants/Create", $"/Migrants/Details/{id}", $"/Migrants/Edit/{id}", $"/Migrants/Print/{id}",
            $"/Migrants/{id}/AddNote", $"/Migrants/{id}/AddNeed", $"/Migrants/{id}/AddMember", "/Migrants/Import", "/Migrants/Expiring",
        };
        foreach (var url in pages)
        {
            var html = await (await client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}culture={culture}")).ReadTextAsync();
            Assert.Contains($"lang=\"{culture}\"", html, StringComparison.Ordinal);
            var leaked = Regex.Match(html, @"[>""]\s*(Migrants|CaseWork|Import|Merge|Expiring|Sex|AdministrativeStatus|EducationLevel|Vulnerability|AgeBand|CaseNoteKind|NeedKind|NeedStatus|Relationship)\.[A-Za-z.]+\s*[<""]");
            Assert.False(leaked.Success, $"{url} in {culture} shows the raw key {leaked.Value}");
        }
        var invalid = await client.SubmitFormAsync($"/Migrants/Create?culture={culture}", new Dictionary<string, string> { ["BirthYear"] = "1800" }, "/Migrants/Create");
        var errors = await invalid.ReadTextAsync();
        Assert.DoesNotMatch(@">\s*Migrants\.[A-Za-z.]+\s*<", errors);
    }
}
