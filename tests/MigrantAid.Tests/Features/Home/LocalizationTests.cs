using System.Net;
using System.Xml.Linq;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Home;

public sealed class LocalizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_sign_in_page_is_French_by_default_and_Arabic_right_to_left_on_request()
    {
        var client = app.CreateBrowserLikeClient();
        var fr = await client.GetTextAsync("/Account/Login");
        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", fr, StringComparison.Ordinal);
        Assert.Contains("Connexion", fr, StringComparison.Ordinal);
        Assert.Contains("bootstrap.min.css", fr, StringComparison.Ordinal);

        var ar = await client.GetTextAsync("/Account/Login?culture=ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", ar, StringComparison.Ordinal);
        Assert.Contains("تسجيل الدخول", ar, StringComparison.Ordinal);
        Assert.Contains("bootstrap.rtl.min.css", ar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_choice_is_remembered_in_a_cookie()
    {
        var client = app.CreateBrowserLikeClient();
        await client.GetStringAsync("/Account/Login?culture=en");
        var next = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", next, StringComparison.Ordinal);

        // The Arabic button of the layout's language menu.
        var set = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["culture"] = "ar" }, "/Language/Set");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/Account/Login", set.Headers.Location!.OriginalString);
        Assert.Contains("dir=\"rtl\"", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_menu_refuses_to_redirect_off_site()
    {
        var client = app.CreateBrowserLikeClient();
        var set = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "https://evil.example/" }, "/Language/Set");
        Assert.Equal("/", set.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task Signed_in_pages_show_no_untranslated_resource_key(string culture)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatManager);
        foreach (var url in new[] { "/", "/Centres", "/Centres?q=zzzz-nothing", "/Error/404" })
        {
            var html = await (await client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}culture={culture}")).ReadTextAsync();
            var leaked = System.Text.RegularExpressions.Regex.Match(html, @">\s*(Account|Centres|CentreKind|Common|Error|Field|Home|Layout|Nav|Role)\.[A-Za-z]+\s*<");
            Assert.False(leaked.Success, $"{url} in {culture} shows the raw key {leaked.Value}");
        }
    }

    [Fact]
    public void Every_French_string_has_an_Arabic_and_an_English_translation()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "MigrantAid.Web", "Resources");
        static Dictionary<string, string> Load(string path) =>
            XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var fr = Load(Path.Combine(folder, "SharedResource.resx"));
        var ar = Load(Path.Combine(folder, "SharedResource.ar.resx"));
        var en = Load(Path.Combine(folder, "SharedResource.en.resx"));
        Assert.True(fr.Count > 50);
        Assert.Empty(fr.Keys.Except(ar.Keys));
        Assert.Empty(fr.Keys.Except(en.Keys));
        Assert.Empty(ar.Keys.Except(fr.Keys));
        Assert.All(ar, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public async Task Numbers_follow_the_culture()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.Admin);
        // The centre list's count (the home page now opens on work, not on reference-data tiles).
        var fr = await client.GetTextAsync("/Centres?culture=fr");
        var en = await client.GetTextAsync("/Centres?culture=en");
        // About 1,600 centres: a thousands separator in English, a (narrow) space in French.
        Assert.Matches(@"\b1,[56]\d\d\b", en);
        Assert.Matches(@"\b1[\u202F\u00A0 ][56]\d\d\b", fr);
    }
}
