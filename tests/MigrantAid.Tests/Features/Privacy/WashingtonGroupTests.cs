using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Privacy;

public sealed class WashingtonGroupTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public void Disability_is_a_lot_of_difficulty_or_cannot_do_in_any_domain_and_unknown_when_nothing_was_asked()
    {
        var m = new Migrant();
        Assert.Null(m.HasDisability);
        m.WgSeeing = FunctioningDifficulty.SomeDifficulty;
        Assert.False(m.HasDisability);
        m.WgSelfCare = FunctioningDifficulty.ALotOfDifficulty;
        Assert.True(m.HasDisability);
        m.WgSelfCare = FunctioningDifficulty.NoDifficulty;
        m.SetFunctioning(FunctioningDomain.Communicating, FunctioningDifficulty.CannotDoAtAll);
        Assert.True(m.HasDisability);
        m.WgCommunicating = null;
        Assert.False(m.HasDisability);
    }

    [Fact]
    public async Task The_six_questions_are_answered_on_the_registration_form_and_shown_on_the_case_file()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var family = MigrantTestData.UniqueName("Washington");
        var client = await ClientAsync();
        var response = await client.SubmitFormAsync("/Migrants/Create", MigrantTestData.Form(rsk, family, "Awa", more:
            [("WgWalking", "CannotDoAtAll"), ("WgSeeing", "SomeDifficulty")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var m = await app.WithDbAsync(db => db.Migrants.SingleAsync(x => x.FamilyName == family));
        Assert.Equal((FunctioningDifficulty.CannotDoAtAll, FunctioningDifficulty.SomeDifficulty, (FunctioningDifficulty?)null, true),
            (m.WgWalking!.Value, m.WgSeeing!.Value, m.WgHearing, m.HasDisability));
        var html = await client.GetTextAsync($"/Migrants/Details/{m.Id}");
        Assert.Contains("En situation de handicap", html, StringComparison.Ordinal);
        Assert.Contains("à marcher ou monter des marches ? : Ne peut pas du tout", html, StringComparison.Ordinal);

        var export = await client.GetTextAsync("/Migrants/Export");
        // The export's columns are headed and filled as the form labels them (Features/Migrants/MigrantTable.cs).
        Assert.Contains("à marcher ou monter des marches ?", export, StringComparison.Ordinal);
        Assert.Contains("Ne peut pas du tout", export, StringComparison.Ordinal);

        var tampered = await (await client.GetFormAsync("/Migrants/Create")).SubmitTamperedAsync(
            MigrantTestData.Form(rsk, MigrantTestData.UniqueName("Tampered"), "Awa", more: [("WgHearing", "Sometimes")]));
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
    }

    [Fact]
    public async Task Dashboards_and_convention_indicators_disaggregate_by_disability()
    {
        var region = await app.RegionIdAsync("DOD");
        var disabled = await app.AddMigrantAsync("DOD", MigrantTestData.UniqueName("Disabled"), "Awa", configure: m => m.WgHearing = FunctioningDifficulty.ALotOfDifficulty);
        var notDisabled = await app.AddMigrantAsync("DOD", MigrantTestData.UniqueName("Able"), "Awa", configure: m => m.WgHearing = FunctioningDifficulty.NoDifficulty);
        await app.AddMigrantAsync("DOD", MigrantTestData.UniqueName("Unasked"), "Moussa", configure: m => m.Sex = Sex.Male);

        await app.RefreshFiguresAsync();
        var national = await ClientAsync(DemoAccounts.National);
        var doc = new HtmlParser().ParseDocument(await national.GetTextAsync($"/Dashboard?period=Month&regionId={region}"));
        JsonElement Chart(string id) => JsonDocument.Parse(doc.QuerySelector($"script#chart-data-{id}")!.TextContent).RootElement;
        double[] Values(JsonElement chart, int series) => chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var disability = Chart("disability");
        Assert.Equal(["Femme", "Homme"], disability.GetProperty("labels").EnumerateArray().Select(v => v.GetString()!).Take(2).ToArray());
        Assert.Equal([1d, 0d], Values(disability, 0));
        Assert.Equal([1d, 0d], Values(disability, 1));
        Assert.Equal([0d, 1d], Values(disability, 2));
        var vulnerabilities = Chart("vulnerabilities");
        Assert.Equal("Handicap (Washington Group)", vulnerabilities.GetProperty("labels").EnumerateArray().Last().GetString());
        Assert.Equal(1d, Values(vulnerabilities, 0).Last());

        var centre = await app.CentreAsync();
        var enrolments = new[] { await app.EnrolmentAsync(disabled, centre.Id), await app.EnrolmentAsync(notDisabled, centre.Id) };
        var conventionId = await app.WithDbAsync(async db =>
        {
            var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync();
            var convention = new PartnerConvention
            {
                Reference = "TEST-WG-" + Guid.NewGuid().ToString("N")[..8], Title = "Convention handicap", Themes = ConventionTheme.VocationalTraining,
                Currency = ConventionCurrency.EUR, Budget = 1000, AgencyShare = 100, ExchangeRateToMad = 10.9m,
                StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 12, 31),
                Partners = [new ConventionPartner { PartnerId = eu, Roles = OrganisationRoles.Funding }],
                Regions = [new ConventionRegion { RegionId = region }],
            };
            db.PartnerConventions.Add(convention);
            await db.SaveChangesAsync();
            db.ConventionAttributions.AddRange(enrolments.Select(e => new ConventionAttribution
            {
                PartnerConventionId = convention.Id, RecordKind = AttributedRecordKind.Enrolment, RecordId = e,
            }));
            await db.SaveChangesAsync();
            return convention.Id;
        });
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: compute indicators");
        var actual = await scope.ServiceProvider.GetRequiredService<IndicatorCalculator>()
            .ComputeAsync(IndicatorKind.PeopleEnrolled, [conventionId], new ReportPeriod(2026, null), PartnerConvention.DefaultAgeBands, false, CancellationToken.None);
        var cells = actual.By(Dimensions.Disability)!.Cells.ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(1, cells[Dimensions.WithDisability]);
        Assert.Equal(1, cells[Dimensions.WithoutDisability]);
        Assert.False(cells.ContainsKey("unknown"));
    }
}
