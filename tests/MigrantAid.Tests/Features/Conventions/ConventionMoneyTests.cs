using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Activities.ActivityTestData;

namespace MigrantAid.Tests.Features.Conventions;

/// <summary>A convention's money: activity grants and aid value, in its currency and in MAD at its rate; a partner sees no amount made of fewer than 5 records.</summary>
public sealed class ConventionMoneyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<int> ArrangeAsync(int activities)
    {
        var ids = new List<int>();
        for (var i = 0; i < activities; i++)
        {
            ids.Add(await app.ActivityAsync(MigrantTestData.UniqueName("Money"), ActivityStatus.Funded, await app.AddMigrantAsync(i % 2 == 0 ? "RSK" : "TTA", MigrantTestData.UniqueName("Money"), "Awa")));
        }
        var rejected = await app.ActivityAsync(MigrantTestData.UniqueName("Money"), ActivityStatus.Proposed, await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Money"), "Awa"));
        return await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync();
            var c = new PartnerConvention
            {
                Reference = "MONEY-" + Guid.NewGuid().ToString("N")[..8], Title = "Convention chiffrée", Currency = ConventionCurrency.EUR, ExchangeRateToMad = 10.8m, Budget = 100000,
                Partners = [new ConventionPartner { PartnerId = eu, Roles = OrganisationRoles.Funding }],
                Regions = [new ConventionRegion { RegionId = rsk }],
            };
            db.PartnerConventions.Add(c);
            var site = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = rsk };
            var d = new AidDistribution
            {
                Date = Today.AddDays(-3), Site = site, RegionId = rsk, Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 10, ActualQuantity = 10,
                PlannedRecipients = 10, DistributedBy = "x", UnregisteredMen = 10, ValueMad = 5400m,
            };
            db.AidDistributions.Add(d);
            await db.SaveChangesAsync();
            db.ConventionAttributions.Add(new ConventionAttribution { PartnerConventionId = c.Id, RecordKind = AttributedRecordKind.AidDistribution, RecordId = d.Id });
            db.ConventionAttributions.AddRange(ids.Append(rejected).Select(id => new ConventionAttribution { PartnerConventionId = c.Id, RecordKind = AttributedRecordKind.IncomeGeneratingActivity, RecordId = id }));
            await db.SaveChangesAsync();
            return c.Id;
        });
    }

    private async Task<string> PageAsync(string email, string url)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Group separators in French are (narrow) no-break spaces.
        return (await response.ReadTextAsync()).Replace('\u202F', ' ').Replace('\u00A0', ' ');
    }

    [Fact]
    public async Task Grants_paid_tranches_and_aid_value_show_in_the_conventions_currency_and_in_MAD()
    {
        // Five funded activities across two regions (20,000 MAD granted, 8,000 paid each), one proposed (no grant yet), one distribution worth 5,400 MAD.
        var id = await ArrangeAsync(5);
        var html = await PageAsync(DemoAccounts.National, $"/Conventions/Details/{id}");
        Assert.Contains("Montants attribués à la convention", html, StringComparison.Ordinal);
        Assert.Contains("100 000,00 MAD", html, StringComparison.Ordinal);
        Assert.Contains("9 259,26 EUR", html, StringComparison.Ordinal);   // 100,000 / 10.8
        Assert.Contains("40 000,00 MAD", html, StringComparison.Ordinal);
        Assert.Contains("3 703,70 EUR", html, StringComparison.Ordinal);   // 40,000 / 10.8
        Assert.Contains("5 400,00 MAD", html, StringComparison.Ordinal);
        Assert.Contains("500,00 EUR", html, StringComparison.Ordinal);

        // The partner sees the grants (5 activities) but not the value of a single distribution.
        var partner = await PageAsync(DemoAccounts.PartnerEu, $"/Conventions/Details/{id}");
        Assert.Contains("100 000,00 MAD", partner, StringComparison.Ordinal);
        Assert.DoesNotContain("5 400,00 MAD", partner, StringComparison.Ordinal);
        Assert.True(partner.Contains("&lt; 5", StringComparison.Ordinal) || partner.Contains("< 5", StringComparison.Ordinal));

        // The printable donor report carries the same totals.
        Assert.Contains("9 259,26 EUR", await PageAsync(DemoAccounts.National, $"/Conventions/Report/{id}"), StringComparison.Ordinal);
    }
}
