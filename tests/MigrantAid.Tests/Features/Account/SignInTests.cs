using System.Net;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Account;

public sealed class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [MemberData(nameof(DemoAccounts.WithRoles), MemberType = typeof(DemoAccounts))]
    public async Task Each_demo_account_signs_in_and_sees_its_role(string email, string role)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        var home = await client.GetTextAsync("/?culture=en");
        Assert.Contains(email, home, StringComparison.Ordinal);
        var expectedRole = role switch
        {
            "NationalManager" => "National manager",
            "RegionalManager" => "Regional manager",
            "CentreDirector" => "Centre director",
            "SocialWorker" => "Social worker",
            "PartnerViewer" => "Partner (read-only)",
            _ => role,
        };
        Assert.Contains(expectedRole, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_same_message_as_an_unknown_user_and_keeps_the_email()
    {
        var client = app.CreateBrowserLikeClient();
        var wrong = await client.SignInAsync(DemoAccounts.RabatSocial, "not-the-password-at-all");
        var unknown = await client.SignInAsync("nobody@migrantaid.test", "not-the-password-at-all");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await wrong.ReadTextAsync();
        var unknownHtml = await unknown.ReadTextAsync();
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", unknownHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{DemoAccounts.RabatSocial}\"", wrongHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_form_gets_localized_messages_in_French_and_Arabic()
    {
        var client = app.CreateBrowserLikeClient();
        var fr = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = "", ["Password"] = "" });
        var frHtml = await fr.ReadTextAsync();
        Assert.Contains("Saisissez votre adresse e-mail.", frHtml, StringComparison.Ordinal);
        Assert.Contains("Saisissez votre mot de passe.", frHtml, StringComparison.Ordinal);

        var ar = await client.SubmitFormAsync("/Account/Login?culture=ar", new Dictionary<string, string> { ["Email"] = "pas-un-email", ["Password"] = "" });
        var arHtml = await ar.ReadTextAsync();
        Assert.Contains("أدخل عنوان بريد إلكتروني صالحًا.", arHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"pas-un-email\"", arHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.National);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var logout = await client.SubmitFormAsync("/", form: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.Admin, ["Password"] = MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
