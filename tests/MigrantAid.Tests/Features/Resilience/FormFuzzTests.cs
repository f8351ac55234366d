using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>
/// Finds the POST forms each role reaches (crawling from the home page as SiteCrawlTests does)
/// and posts each with hostile values: 10,000-character strings, right-to-left override and
/// zero-width characters, emoji, NUL, malformed dates, negative and huge numbers, ids of another
/// region. Every answer must be a message (200), a redirect, 400 or 404 — never a 5xx — and
/// where a form saved, the page it leads to shows what was typed unchanged. Bounded in time:
/// a budget per role, so the whole class stays within about a minute on two cores.
/// </summary>
public sealed partial class FormFuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan CrawlBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FuzzBudget = TimeSpan.FromSeconds(12);
    private const int MaxPages = 60;

    /// <summary>
    /// Every role, the two-step ones (national manager, administrator) signed in with their
    /// authenticator code. Administrator last: its forms may change accounts the others sign in with.
    /// </summary>
    public static TheoryData<string> Roles => new()
    {
        DemoAccounts.RabatSocial, DemoAccounts.AlkariDirector, DemoAccounts.RabatManager, DemoAccounts.PartnerEu, DemoAccounts.National, DemoAccounts.Admin,
    };

    [GeneratedRegex(@"/\d+(?=/|$|\?)")]
    private static partial Regex IdSegment();

    private sealed record Target(string PageUrl, IHtmlFormElement Form);

    private sealed record Variant(string Name, Func<string, string, string?> Value, bool CheckStored);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_post_form_a_role_reaches_survives_hostile_values(string email)
    {
        var (tangerRegion, tangerCentre, tangerMigrant, seeds) = await ArrangeAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        var clock = Stopwatch.StartNew();

        var visited = new List<string>();
        var targets = await CrawlAsync(client, seeds, clock, visited);
        // A partner viewer reads only: its one form changes the password (AccountFormFuzzTests posts it).
        Assert.True(targets.Count >= (email == DemoAccounts.PartnerEu ? 0 : 3), $"{email}: only {targets.Count} POST forms found on " + string.Join(", ", visited));
        clock.Restart();

        var marker = "Fz" + UniqueName("")[..6];
        var unicode = marker + "\u202Eأبتé\u200B\u200D😀👩🏽‍🔧";
        var longText = marker + new string('x', 10_000);
        string? Id(string name) => name.EndsWith("RegionId", StringComparison.OrdinalIgnoreCase) ? tangerRegion
            : name.EndsWith("CentreId", StringComparison.OrdinalIgnoreCase) ? tangerCentre
            : name.EndsWith("MigrantId", StringComparison.OrdinalIgnoreCase) ? tangerMigrant
            : name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal) ? "2147483647" : null;
        var variants = new Variant[]
        {
            new("long strings, huge numbers, impossible dates", (name, kind) => kind switch
            {
                "number" => "99999999999999999999", "date" => "2026-02-31", "month" => "2026-13", "select" or "hidden" => null, _ => longText,
            }, CheckStored: true),
            new("bidi, zero-width and emoji text, negative numbers, year one", (name, kind) => kind switch
            {
                "number" => "-1", "date" => "0001-01-01", "select" or "hidden" => null, _ => unicode,
            }, CheckStored: true),
            new("ids of another region, numbers as text", (name, kind) => kind switch
            {
                "select" or "hidden" or "number" => Id(name) ?? (kind == "number" ? "1e309" : null), "date" => "31/12/9999", _ => null,
            }, CheckStored: false),
            new("NUL", (name, kind) => kind is "select" or "hidden" ? null : "a\0b", CheckStored: false),
        };

        var problems = new List<string>();
        var posted = 0;
        foreach (var target in targets)
        {
            foreach (var variant in variants)
            {
                if (clock.Elapsed > FuzzBudget)
                {
                    break;
                }
                var fields = Fill(target.Form, variant);
                if (fields.Count == 0)
                {
                    continue;
                }
                var form = new WebForm(client, target.Form, new Uri(new Uri("http://localhost"), target.PageUrl));
                var response = await form.SubmitTamperedAsync(fields);
                posted++;
                var where = $"{target.Form.GetAttribute("action")} on {target.PageUrl} with {variant.Name}";
                if (response.StatusCode >= HttpStatusCode.InternalServerError)
                {
                    problems.Add($"{where}: {(int)response.StatusCode}");
                }
                else if (variant.CheckStored && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                    && response.Headers.Location?.OriginalString is { } location && location.StartsWith('/') && !location.StartsWith("/Account", StringComparison.Ordinal))
                {
                    var page = await client.GetAsync(location);
                    if (page.StatusCode >= HttpStatusCode.InternalServerError)
                    {
                        problems.Add($"{where}: saved, then {location} answers {(int)page.StatusCode}");
                    }
                    else if (StoredDiffers(await page.Content.ReadAsStringAsync(), marker, variant.Name.StartsWith("long", StringComparison.Ordinal) ? longText : unicode) is { } shown)
                    {
                        problems.Add($"{where}: saved, but {location} shows \"{shown}\"");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, $"{email}, {posted} posts to {targets.Count} forms:\n" + string.Join("\n", problems));
        // On a loaded machine the budget may stop before the last forms; it must still have covered a fair share.
        Assert.True(posted >= Math.Min(targets.Count, 8), $"{email}: the time budget let only {posted} posts through for {targets.Count} forms");
    }

    /// <summary>What the page shows where the typed value should be, when it differs (invisible characters stripped is accepted: that is what the name rules store).</summary>
    private static string? StoredDiffers(string html, string marker, string typed)
    {
        var document = new HtmlParser().ParseDocument(html);
        var shown = document.All.SelectMany(e => new[] { e is IHtmlInputElement i ? i.Value : null, e is IHtmlTextAreaElement t ? t.Value : null, e.ChildNodes.OfType<AngleSharp.Dom.IText>().Select(x => x.Data).FirstOrDefault() })
            .Where(s => s is not null && s.Contains(marker, StringComparison.Ordinal)).Select(s => s!).ToList();
        if (shown.Count == 0)
        {
            return null; // saved elsewhere than on this page, or shown transformed (upper case): nothing to compare
        }
        var stripped = new string(typed.Where(c => c is not ('\u200B' or '\u200C' or '\u200D' or '\u202E' or '\u2066' or '\u2069')).ToArray());
        return shown.Any(s => s.Contains(typed, StringComparison.Ordinal) || s.Contains(stripped, StringComparison.Ordinal)
            // a list may shorten a long text for display; the full value is on the record's own page
            || (typed.Length > 1000 && s.Trim().Length < typed.Length && typed.StartsWith(s.Trim().TrimEnd('…'), StringComparison.Ordinal)))
            ? null : shown[0][..Math.Min(shown[0].Length, 60)];
    }

    private static Dictionary<string, string> Fill(IHtmlFormElement form, Variant variant)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name is HtmlForms.TokenName or "Version" or "returnUrl" or "ReturnUrl" || name.EndsWith(".Version", StringComparison.Ordinal))
            {
                continue;
            }
            var kind = element switch
            {
                IHtmlSelectElement => "select",
                IHtmlTextAreaElement => "text",
                IHtmlInputElement i => (i.GetAttribute("type") ?? "text").ToLowerInvariant() switch
                {
                    "number" => "number", "date" or "datetime-local" => "date", "month" => "month", "hidden" => "hidden",
                    "checkbox" or "radio" or "submit" or "button" or "file" or "reset" or "image" => null,
                    _ => "text",
                },
                _ => null,
            };
            if (kind is not null && variant.Value(name, kind) is { } value)
            {
                fields[name] = value;
            }
        }
        return fields;
    }

    /// <summary>Forms that end the session or change how it runs: the rest of the crawl needs it.</summary>
    private static bool SkippedAction(string path) =>
        path.StartsWith("/Account", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/Language", StringComparison.OrdinalIgnoreCase);

    private async Task<List<Target>> CrawlAsync(HttpClient client, string[] seeds, Stopwatch clock, List<string> visited)
    {
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/", .. seeds]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pageKinds = new HashSet<string>(StringComparer.Ordinal);
        var formKinds = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<Target>();
        var pages = 0;
        while (queue.TryDequeue(out var url) && pages < MaxPages && clock.Elapsed < CrawlBudget)
        {
            if (!seen.Add(url) || !pageKinds.Add(IdSegment().Replace(url.Split('?')[0], "/{id}")))
            {
                continue;
            }
            var response = await client.GetAsync(url);
            visited.Add($"{url} {(int)response.StatusCode}");
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                && response.Headers.Location?.OriginalString is { } next && next.StartsWith('/') && !Skipped(next))
            {
                queue.Enqueue(next);
                continue;
            }
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            pages++;
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                var action = new Uri(new Uri("http://localhost" + url), form.GetAttribute("action") ?? url).AbsolutePath;
                if (string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) && !SkippedAction(action)
                    && HtmlForms.PostFormsWithoutToken(form.OuterHtml).Count == 0 && formKinds.Add(IdSegment().Replace(action, "/{id}")))
                {
                    targets.Add(new Target(url, form));
                }
            }
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")))
            {
                if (href is not null && href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skipped(href))
                {
                    queue.Enqueue(WebUtility.HtmlDecode(href.Split('#')[0]));
                }
            }
        }
        return targets;
    }

    private static bool Skipped(string url)
    {
        var path = url.Split('?')[0];
        return path.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) || path.Contains("Export", StringComparison.OrdinalIgnoreCase)
            || path.Contains("Download", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || Path.HasExtension(path);
    }

    /// <summary>A Rabat file enrolled at Alkari (the detail pages carry most forms) and a Tanger file whose ids the fuzzer posts from Rabat.</summary>
    private async Task<(string Region, string Centre, string Migrant, string[] Seeds)> ArrangeAsync()
    {
        var alkari = await app.CentreAsync();
        var migrant = await app.MigrantAsync(familyName: UniqueName("Fuzz"));
        var enrolment = await app.EnrolmentAsync(migrant, alkari.Id, start: TrainingData.Today.AddMonths(-4));
        var tanger = await app.AddMigrantAsync("TTA", UniqueName("Ailleurs"), "Awa");
        var tta = await app.RegionIdAsync("TTA");
        var tangerCentre = await app.CentreInRegionAsync("TTA");
        static string S(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (S(tta), S(tangerCentre.Id), S(tanger),
            [$"/Migrants/Details/{migrant}", $"/Enrolments/Details/{enrolment}", $"/Centres/Details/{alkari.Id}", $"/Centres/Edit/{alkari.Id}", "/Migrants/Create"]);
    }
}
