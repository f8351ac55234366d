using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>
/// The forms FormFuzzTests leaves aside because they end or change the session: sign-in, the
/// second step, the authenticator set-up and key, the password change and the language menu.
/// Each is posted with hostile values (its hidden return address too) and must answer with a
/// message, a redirect, 400 or 404 — never a 5xx — and leave the account usable. Its own
/// database: the failed codes and passwords count toward the lockout.
/// </summary>
public sealed class AccountFormFuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string LongText = "Fz" + new string('x', 10_000);
    private const string Unicode = "Fz\u202Eأبتé\u200B\u200D😀👩🏽‍🔧";

    /// <summary>Hostile values for every field the form carries, the return address included.</summary>
    private static readonly Func<string, string>[] Hostile =
    [
        kind => kind == "checkbox" ? "maybe" : LongText,
        kind => kind == "checkbox" ? "true" : Unicode,
        _ => "a\0b",
        kind => kind == "checkbox" ? "" : "//evil.example/\u00e9?x=<script>",
        _ => "-99999999999999999999",
    ];

    [Fact]
    public async Task Sign_in_and_language_forms_survive_hostile_values_before_sign_in()
    {
        var problems = new List<string>();
        var client = app.CreateBrowserLikeClient();
        await FuzzAsync(client, "/Account/Login", "/Account/Login", problems);
        await FuzzAsync(client, "/Account/Login", "/Language/Set", problems);
        foreach (var returnUrl in new[] { LongText, Unicode, "a\0b", "/\u00e9t\u00e9?\u202E", "/%00" })
        {
            await Expect(client, "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), problems);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The account the sign-in form was fuzzed against still signs in.
        await app.CreateBrowserLikeClient().SignInOrFailAsync(DemoAccounts.RabatSocial);
    }

    [Fact]
    public async Task Second_step_form_survives_hostile_values()
    {
        var problems = new List<string>();
        var client = app.CreateBrowserLikeClient();
        var first = await client.SignInAsync(DemoAccounts.National);
        Assert.StartsWith("/Account/TwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Four wrong codes stay under the lockout (five); the real one still opens the session.
        await FuzzAsync(client, first.Headers.Location.OriginalString, "/Account/TwoFactor", problems, variants: 4);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await app.CreateBrowserLikeClient().SignInOrFailAsync(DemoAccounts.National);
    }

    [Fact]
    public async Task Password_authenticator_and_language_forms_survive_hostile_values_when_signed_in()
    {
        var problems = new List<string>();
        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.TangerSocial);
        await FuzzAsync(social, "/Account/ChangePassword", "/Account/ChangePassword", problems);
        await FuzzAsync(social, "/Account/Authenticator", "/Account/Authenticator", problems);
        await FuzzAsync(social, "/", "/Language/Set", problems);
        var partner = app.CreateBrowserLikeClient();
        await partner.SignInOrFailAsync(DemoAccounts.PartnerEu);
        await FuzzAsync(partner, "/Account/ChangePassword", "/Account/ChangePassword", problems);
        await FuzzAsync(partner, "/Conventions", "/Language/Set", problems);

        // An administrator's authenticator is active: its key is behind a password check.
        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        await FuzzAsync(admin, "/Account/Authenticator", "/Account/AuthenticatorKey", problems, variants: 4);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // Nothing hostile changed the password or the authenticator: both still sign in.
        await app.CreateBrowserLikeClient().SignInOrFailAsync(DemoAccounts.TangerSocial);
        await app.CreateBrowserLikeClient().SignInOrFailAsync(DemoAccounts.PartnerEu);
        await app.CreateBrowserLikeClient().SignInOrFailAsync(DemoAccounts.Admin);
    }

    private static async Task FuzzAsync(HttpClient client, string pageUrl, string action, List<string> problems, int variants = 5)
    {
        foreach (var value in Hostile.Take(variants))
        {
            var page = await client.GetAsync(pageUrl);
            Assert.True(page.IsSuccessStatusCode, $"{pageUrl} answers {(int)page.StatusCode}");
            var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
            var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .FirstOrDefault(f => (f.GetAttribute("action") ?? "").EndsWith(action, StringComparison.OrdinalIgnoreCase));
            Assert.True(form is not null, $"no form posting to {action} on {pageUrl}");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var element in form.Elements)
            {
                var name = element.GetAttribute("name");
                var type = (element.GetAttribute("type") ?? "text").ToLowerInvariant();
                if (!string.IsNullOrEmpty(name) && name != HtmlForms.TokenName && type is not ("submit" or "button" or "file" or "reset" or "image"))
                {
                    fields[name] = value(element is IHtmlSelectElement ? "select" : type);
                }
            }
            var response = await new WebForm(client, form, new Uri(new Uri("http://localhost"), pageUrl)).SubmitTamperedAsync(fields);
            if (response.StatusCode >= HttpStatusCode.InternalServerError)
            {
                problems.Add($"{action} on {pageUrl} with {Describe(fields)}: {(int)response.StatusCode}");
            }
            else if (response.Headers.Location is { } location && (location.IsAbsoluteUri || location.OriginalString.StartsWith("//", StringComparison.Ordinal)))
            {
                problems.Add($"{action} on {pageUrl} with {Describe(fields)}: redirects off the site to {location}");
            }
        }
    }

    private static async Task Expect(HttpClient client, string url, List<string> problems)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode >= HttpStatusCode.InternalServerError)
        {
            problems.Add($"GET {url[..Math.Min(url.Length, 80)]}: {(int)response.StatusCode}");
        }
    }

    private static string Describe(Dictionary<string, string> fields) =>
        string.Join(", ", fields.Select(f => $"{f.Key}={f.Value[..Math.Min(f.Value.Length, 20)].Replace("\0", "\\0", StringComparison.Ordinal)}"));
}
