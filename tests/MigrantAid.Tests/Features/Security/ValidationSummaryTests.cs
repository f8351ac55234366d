using AngleSharp.Html.Parser;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// MVC writes <c>style="display:none"</c> into validation summaries; the Content-Security-Policy
/// (style-src 'self') refuses inline styles, so none may reach a page, valid or not.
/// </summary>
public sealed class ValidationSummaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/Hosts/Create", "Name", "")]              // errors on fields only
    [InlineData("/Trades/Create", "NameFr", "Seulement")]  // an error on the form as a whole
    [InlineData("/Centres/Create", "Name", "")]
    public async Task A_form_shown_again_with_errors_has_no_inline_style(string page, string field, string value)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.Admin);
        var fresh = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        Assert.Empty(fresh.QuerySelectorAll("[style]"));
        Assert.Empty(fresh.QuerySelectorAll(".validation-summary-valid"));

        var response = await client.SubmitFormAsync(page, new Dictionary<string, string> { [field] = value });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var shown = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(shown.QuerySelectorAll(".invalid-feedback:not(:empty), .validation-summary-errors"));
        Assert.Empty(shown.QuerySelectorAll("[style]"));
    }
}
