using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Features.Centres;

public sealed class CentreSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("alkari")]
    [InlineData("ALKARI")]
    [InlineData("Alkari")]
    [InlineData("apprentissage alkari")]
    [InlineData("القاري")]
    [InlineData("القارى")]
    [InlineData("الْقَارِي")]
    [InlineData("rsk-rab")]
    public async Task The_centre_search_ignores_case_accents_and_Arabic_letter_forms(string q)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        var page = await client.GetTextAsync("/Centres?regionId=&q=" + Uri.EscapeDataString(q));
        Assert.Contains("Centre d'apprentissage Alkari", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_key_is_stored_folded_and_indexed()
    {
        var key = await app.WithDbAsync(db => db.TrainingCentres.Where(c => c.Code == DemoDataSeeder.AlkariCode).Select(c => c.SearchKey).SingleAsync());
        Assert.Contains("alkari", key, StringComparison.Ordinal);
        Assert.Equal(key, key.ToLowerInvariant());
        var sql = await app.WithDbAsync(db => Task.FromResult(db.TrainingCentres.Where(c => c.SearchKey.Contains("alkari")).ToQueryString()));
        Assert.DoesNotContain("lower(", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_regional_managers_centre_list_opens_on_their_region()
    {
        var rsk = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync());
        var selected = $"<option value=\"{rsk}\" selected=\"selected\">";
        var manager = app.CreateBrowserLikeClient();
        await manager.SignInOrFailAsync(DemoAccounts.RabatManager);
        Assert.Contains(selected, await manager.GetTextAsync("/Centres"), StringComparison.Ordinal);
        // "All regions" stays one click away, and other roles open on the whole list.
        Assert.DoesNotContain(selected, await manager.GetTextAsync("/Centres?regionId="), StringComparison.Ordinal);
        var director = app.CreateBrowserLikeClient();
        await director.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        Assert.DoesNotContain(selected, await director.GetTextAsync("/Centres"), StringComparison.Ordinal);
    }
}
