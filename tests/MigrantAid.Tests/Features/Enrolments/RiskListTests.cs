using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed class RiskListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly LastMonth = TrainingData.Today.AddMonths(-1);
    private static readonly DateOnly MonthBefore = TrainingData.Today.AddMonths(-2);

    internal const string Low = "Assiduité sous 70 % deux mois de suite";
    internal const string Missing = "Assiduité du mois écoulé non saisie";
    internal const string NoPlacement = "Aucun stage en cours chez un professionnel";
    internal const string Income = "A déjà abandonné une formation faute de revenu";

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    /// <summary>The row of the risk list for one apprentice, or null when they are not on it.</summary>
    internal static string? RowOf(string page, string familyName)
    {
        var at = page.IndexOf(familyName, StringComparison.Ordinal);
        return at < 0 ? null : page[at..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private async Task<(int Enrolment, string Name)> ApprenticeAsync(bool placed = true)
    {
        var name = "Risque" + Guid.NewGuid().ToString("N")[..8];
        var migrant = await app.MigrantAsync(familyName: name);
        var id = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-4));
        if (placed)
        {
            await app.WithDbAsync(async db =>
            {
                var e = await db.Enrolments.SingleAsync(x => x.Id == id);
                var host = new HostProfessional { Name = "Atelier " + name, Kind = HostKind.Workshop, City = "Rabat", TradeId = e.TradeId, RegionId = e.RegionId };
                db.HostPlacements.Add(new HostPlacement { Enrolment = e, HostProfessional = host, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = e.StartDate });
                await db.SaveChangesAsync();
            });
        }
        return (id, name);
    }

    [Fact]
    public async Task Attendance_below_the_threshold_two_months_running_is_a_risk_but_one_bad_month_is_not()
    {
        var (low, lowName) = await ApprenticeAsync();
        await app.AttendanceAsync(low, MonthBefore, 20, 12);
        await app.AttendanceAsync(low, LastMonth, 20, 10);
        var (once, onceName) = await ApprenticeAsync();
        await app.AttendanceAsync(once, MonthBefore, 20, 19);
        await app.AttendanceAsync(once, LastMonth, 20, 8);

        var page = await (await SignedInAsync(DemoAccounts.AlkariDirector)).GetTextAsync("/Enrolments/Risk");
        Assert.Contains(Low, RowOf(page, lowName), StringComparison.Ordinal);
        Assert.Null(RowOf(page, onceName));
    }

    [Fact]
    public async Task A_month_not_entered_is_a_risk()
    {
        var (id, name) = await ApprenticeAsync();
        await app.AttendanceAsync(id, MonthBefore, 20, 20);
        var row = RowOf(await (await SignedInAsync(DemoAccounts.AlkariDirector)).GetTextAsync("/Enrolments/Risk"), name);
        Assert.Contains(Missing, row, StringComparison.Ordinal);
        Assert.DoesNotContain(Low, row, StringComparison.Ordinal);
        Assert.DoesNotContain(NoPlacement, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_current_placement_in_an_alternating_track_is_a_risk()
    {
        var (id, name) = await ApprenticeAsync(placed: false);
        await app.AttendanceAsync(id, LastMonth, 20, 20);
        var row = RowOf(await (await SignedInAsync(DemoAccounts.AlkariDirector)).GetTextAsync("/Enrolments/Risk"), name);
        Assert.Contains(NoPlacement, row, StringComparison.Ordinal);
        Assert.DoesNotContain(Missing, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_dropout_for_lack_of_income_is_a_risk()
    {
        var name = "Revenu" + Guid.NewGuid().ToString("N")[..8];
        var migrant = await app.MigrantAsync(familyName: name);
        var other = (await app.CentreInRegionAsync("RSK")).Id;
        await app.EnrolmentAsync(migrant, other, start: TrainingData.Today.AddMonths(-14),
            after: e => e.DropOut(TrainingData.Today.AddMonths(-12), DropoutReason.NeedsIncomeBegging));
        var id = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id, start: TrainingData.Today.AddDays(-10));
        var row = RowOf(await (await SignedInAsync(DemoAccounts.AlkariDirector)).GetTextAsync("/Enrolments/Risk"), name);
        Assert.Contains(Income, row, StringComparison.Ordinal);
        Assert.Contains($"/Enrolments/Details/{id}", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regional_manager_sees_the_region_list_and_a_Tanger_social_worker_does_not()
    {
        var (_, name) = await ApprenticeAsync(placed: false);
        var region = await (await SignedInAsync(DemoAccounts.RabatManager)).GetTextAsync("/Enrolments/Risk");
        Assert.Contains("Rabat-Salé-Kénitra", region, StringComparison.Ordinal);
        Assert.Contains(NoPlacement, RowOf(region, name), StringComparison.Ordinal);
        var alkari = await app.CentreAsync();
        Assert.Null(RowOf(await (await SignedInAsync(DemoAccounts.TangerSocial)).GetTextAsync($"/Enrolments/Risk?centreId={alkari.Id}"), name));
        Assert.Null(RowOf(await (await SignedInAsync(await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK")))).GetTextAsync($"/Enrolments/Risk?centreId={alkari.Id}"), name));
    }
}

public sealed class NationalRiskListTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task National_roles_choose_a_region_before_the_list_is_computed()
    {
        var name = "National" + Guid.NewGuid().ToString("N")[..8];
        await app.EnrolmentAsync(await app.MigrantAsync(familyName: name), (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-4));
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.National);
        var first = await client.GetTextAsync("/Enrolments/Risk");
        Assert.Contains("<select id=\"regionId\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain(name, first, StringComparison.Ordinal);
        var rsk = (await app.CentreAsync()).RegionId;
        Assert.Contains(RiskListTests.Missing, RiskListTests.RowOf(await client.GetTextAsync($"/Enrolments/Risk?regionId={rsk}"), name), StringComparison.Ordinal);
    }
}

/// <summary>The threshold comes from configuration (Training:RiskAttendanceThreshold).</summary>
public sealed class RiskThresholdTests(RiskThresholdTests.LowThresholdApp app) : IClassFixture<RiskThresholdTests.LowThresholdApp>
{
    public sealed class LowThresholdApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Training:RiskAttendanceThreshold", "0.4");
        }
    }

    [Fact]
    public async Task A_lower_configured_threshold_tolerates_half_attendance()
    {
        var name = "Seuil" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.EnrolmentAsync(await app.MigrantAsync(familyName: name), (await app.CentreAsync()).Id, start: TrainingData.Today.AddMonths(-4));
        await app.AttendanceAsync(id, TrainingData.Today.AddMonths(-2), 20, 10);
        await app.AttendanceAsync(id, TrainingData.Today.AddMonths(-1), 20, 10);
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var page = await client.GetTextAsync("/Enrolments/Risk");
        Assert.Contains("40 %", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Assiduité sous", RiskListTests.RowOf(page, name) ?? "", StringComparison.Ordinal);
    }
}
