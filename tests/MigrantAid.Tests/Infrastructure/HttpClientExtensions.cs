using System.Net;
using System.Text.RegularExpressions;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Infrastructure;

public static partial class HttpClientExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return match.Groups[1].Value;
    }

    /// <summary>GET the form page, take its antiforgery token, POST the fields — as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetStringAsync(formUrl);
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(postUrl ?? formUrl, new FormUrlEncodedContent(content));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoDataSeeder.DemoPassword)
    {
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return response;
    }

    /// <summary>
    /// Signs a demo account in, answering the second-factor step with the demo authenticator
    /// key for the roles that require it (Administrator, NationalManager).
    /// </summary>
    public static async Task SignInOrFailAsync(this HttpClient client, string email)
    {
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/Account/TwoFactor", StringComparison.Ordinal))
        {
            var second = await client.PostFormAsync(response.Headers.Location.OriginalString,
                new Dictionary<string, string> { ["Code"] = Totp.Code(DemoDataSeeder.DemoAuthenticatorKey) }, "/Account/TwoFactor");
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            Assert.DoesNotContain("/Account/", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}

public static class ResponseExtensions
{
    /// <summary>The page's HTML with character references decoded, to assert on what a person reads.</summary>
    public static async Task<string> ReadTextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> GetTextAsync(this HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(url));
}

public static class DemoAccounts
{
    public const string Admin = "admin@migrantaid.test";
    public const string National = "national@migrantaid.test";
    public const string RabatManager = "rabat.manager@migrantaid.test";
    public const string AlkariDirector = "alkari.director@migrantaid.test";
    public const string RabatSocial = "rabat.social@migrantaid.test";
    public const string TangerSocial = "tanger.social@migrantaid.test";
    public const string PartnerEu = "partner.eu@migrantaid.test";

    public static readonly TheoryData<string, string> WithRoles = new()
    {
        { Admin, "Administrator" }, { National, "NationalManager" }, { RabatManager, "RegionalManager" },
        { AlkariDirector, "CentreDirector" }, { RabatSocial, "SocialWorker" }, { TangerSocial, "SocialWorker" },
        { PartnerEu, "PartnerViewer" },
    };
}
