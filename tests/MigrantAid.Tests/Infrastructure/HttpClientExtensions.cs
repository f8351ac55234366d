using System.Net;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Infrastructure;

public static class HttpClientExtensions
{
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoDataSeeder.DemoPassword)
    {
        return await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
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
            var second = await client.SubmitFormAsync(response.Headers.Location.OriginalString,
                new Dictionary<string, string> { ["Code"] = Totp.CurrentCode(DemoDataSeeder.DemoAuthenticatorKey) }, "/Account/TwoFactor");
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
