using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Ux;

public sealed class ElisionPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_attendance_grid_of_october_reads_d_octobre_in_french()
    {
        var alkari = await app.CentreAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var october = System.Net.WebUtility.HtmlDecode(await client.GetTextAsync($"/Attendance?centreId={alkari.Id}&year=2026&month=10&culture=fr"));
        Assert.Contains("Assiduité d'octobre 2026", october, StringComparison.Ordinal);
        Assert.DoesNotContain("de octobre", october, StringComparison.Ordinal);
        var november = await client.GetTextAsync($"/Attendance?centreId={alkari.Id}&year=2026&month=11&culture=fr");
        Assert.Contains("Assiduité de novembre 2026", november, StringComparison.Ordinal);
        var arabic = await client.GetTextAsync($"/Attendance?centreId={alkari.Id}&year=2026&month=8&culture=ar");
        Assert.Contains("غشت 2026", arabic, StringComparison.Ordinal);
    }
}
