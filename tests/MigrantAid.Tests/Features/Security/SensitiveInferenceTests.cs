using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// A role without sensitive access cannot read hidden values out through filters and searches
/// (the rows it gets do not depend on them), and every page that shows a person's file records
/// the opening.
/// </summary>
public sealed partial class SensitiveInferenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [GeneratedRegex("/Migrants/Details/(\\d+)\"")]
    private static partial Regex DetailsLink();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(HttpClient client, string url) =>
        DetailsLink().Matches(await client.GetStringAsync(url)).Select(m => m.Groups[1].Value).Distinct().Order().ToList();

    [Fact]
    public async Task The_rows_a_director_gets_do_not_depend_on_legal_status_or_document_numbers()
    {
        var alkari = (await app.CentreAsync()).Id;
        var card = "RC9" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var regularised = await app.MigrantAsync(configure: m =>
        {
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardNumber = card;
            m.UnhcrNumber = "UN9" + card[3..];
        });
        var asylum = await app.MigrantAsync(configure: m => m.AdministrativeStatus = AdministrativeStatus.AsylumSeeker);
        await app.EnrolmentAsync(regularised, alkari);
        await app.EnrolmentAsync(asylum, alkari);

        // The control: staff with sensitive access do find the card by prefix and filter by status.
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.Contains(regularised.ToString(System.Globalization.CultureInfo.InvariantCulture), await RowsAsync(social, "/Migrants?q=RC9"));
        Assert.DoesNotContain(asylum.ToString(System.Globalization.CultureInfo.InvariantCulture), await RowsAsync(social, "/Migrants?status=Regularised"));

        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var all = await RowsAsync(director, "/Migrants");
        Assert.Contains(regularised.ToString(System.Globalization.CultureInfo.InvariantCulture), all);
        Assert.Contains(asylum.ToString(System.Globalization.CultureInfo.InvariantCulture), all);
        Assert.Equal(await RowsAsync(director, "/Migrants?q=RC8"), await RowsAsync(director, "/Migrants?q=RC9"));
        Assert.Equal(await RowsAsync(director, "/Migrants?q=UN8"), await RowsAsync(director, "/Migrants?q=UN9"));
        Assert.Equal(await RowsAsync(director, "/Migrants?q=" + card), await RowsAsync(director, "/Migrants?q=RC0000000"));
        foreach (var status in Enum.GetNames<AdministrativeStatus>())
        {
            Assert.Equal(all, await RowsAsync(director, "/Migrants?status=" + status));
        }
        Assert.DoesNotContain("name=\"status\"", await director.GetStringAsync("/Migrants?status=Regularised"), StringComparison.Ordinal);

        // The export answers the same rows whatever the sensitive criteria.
        var export = await director.GetStringAsync("/Migrants/Export?format=csv");
        Assert.Equal(export, await director.GetStringAsync("/Migrants/Export?format=csv&status=Regularised"));
        Assert.Equal(export, await director.GetStringAsync("/Migrants/Export?format=csv&status=AsylumSeeker"));
        Assert.Equal(await director.GetStringAsync("/Migrants/Export?format=csv&q=RC8"), await director.GetStringAsync("/Migrants/Export?format=csv&q=RC9"));
        Assert.DoesNotContain(card, export, StringComparison.Ordinal);

        // Residence-card expiries are legal status: no page for a director.
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/Migrants/Expiring")).StatusCode);
    }

    private Task<int> OpeningsAsync(int migrantId, string email) => app.WithDbAsync(async db =>
    {
        var key = migrantId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Viewed && a.EntityType == nameof(Migrant) && a.EntityKey == key && a.UserId == userId);
    });

    [Fact]
    public async Task Every_page_that_shows_a_file_records_its_opening()
    {
        var migrant = await app.MigrantAsync();
        var enrolment = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id);
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        var openings = 0;
        foreach (var url in new[] { $"/Migrants/Details/{migrant}", $"/Migrants/Print/{migrant}", $"/Migrants/Edit/{migrant}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await social.GetAsync(url)).StatusCode);
            Assert.True(++openings == await OpeningsAsync(migrant, DemoAccounts.RabatSocial), url);
        }

        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/Enrolments/Details/{enrolment}")).StatusCode);
        Assert.Equal(1, await OpeningsAsync(migrant, DemoAccounts.AlkariDirector));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/Migrants/Details/{migrant}")).StatusCode);
        Assert.Equal(2, await OpeningsAsync(migrant, DemoAccounts.AlkariDirector));
    }
}
