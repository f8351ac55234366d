using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// Signs in as each role and follows every same-origin link from the home page (and the detail
/// pages of records arranged here), as a curious new user would. Fails for any page that
/// answers 500, any POST form without its own antiforgery token (it would answer 400 to a
/// browser), and any inline style or script (the Content-Security-Policy refuses them).
/// </summary>
public sealed partial class SiteCrawlTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Bounds: a page kind (path with ids, query keys) is visited at most twice, the crawl at most MaxPages.
    private const int MaxPages = 250;
    private const int PerKind = 2;

    /// <summary>Each demo account, with the fewest pages its crawl must reach (a partner sees no person-level page yet).</summary>
    public static TheoryData<string, int> Roles => new()
    {
        { DemoAccounts.Admin, 20 }, { DemoAccounts.National, 8 }, { DemoAccounts.RabatManager, 15 }, { DemoAccounts.AlkariDirector, 10 },
        { DemoAccounts.RabatSocial, 10 }, { DemoAccounts.TangerSocial, 8 }, { DemoAccounts.PartnerEu, 1 },
    };

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex IdSegment();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_a_role_reaches_answers_and_every_post_form_on_it_carries_its_own_token(string email, int minimumPages)
    {
        var seeds = await ArrangeRecordsAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);

        var parser = new HtmlParser();
        var queue = new Queue<string>(["/", .. seeds]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var visited = new List<string>();
        int pages = 0, postForms = 0;
        while (queue.TryDequeue(out var url) && pages < MaxPages)
        {
            if (!seen.Add(url) || !NextOfKind(kinds, url))
            {
                continue;
            }
            var response = await client.GetAsync(url);
            visited.Add($"{url} {(int)response.StatusCode}");
            if (response.StatusCode >= HttpStatusCode.InternalServerError)
            {
                problems.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                && Local(response.Headers.Location?.OriginalString) is { } target)
            {
                queue.Enqueue(target);
                continue;
            }
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            pages++;
            var html = await response.Content.ReadAsStringAsync();
            var document = parser.ParseDocument(html);
            postForms += document.QuerySelectorAll("form").Count(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase));
            problems.AddRange(HtmlForms.PostFormsWithoutToken(html).Select(action => $"{url}: the form posting to {action} has no antiforgery token of its own"));
            problems.AddRange(document.QuerySelectorAll("[style]").Select(e => $"{url}: inline style on <{e.LocalName}> (refused by the CSP)"));
            problems.AddRange(document.QuerySelectorAll("script:not([src])").Where(s => s.GetAttribute("type") is not ("application/json" or "application/ld+json")).Select(_ => $"{url}: inline script (refused by the CSP)"));
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")))
            {
                if (Local(href) is { } next && !Skipped(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        Assert.True(problems.Count == 0, $"{email}, {pages} pages:\n" + string.Join("\n", problems.Distinct()));
        Assert.True(pages < MaxPages, $"{email}: the crawl stopped at {MaxPages} pages; raise the bound or narrow the page kinds");
        // A crawl that saw almost nothing proves nothing.
        Assert.True(pages >= minimumPages, $"{email}: only {pages} pages reached: " + string.Join(", ", visited));
        Assert.True(postForms >= pages / 2, $"{email}: only {postForms} POST forms on {pages} pages (most pages have at least the language form)");
    }

    /// <summary>Records whose detail pages the crawl visits: a Rabat file with an enrolment at Alkari, placed with a host.</summary>
    private async Task<string[]> ArrangeRecordsAsync()
    {
        var alkari = await app.CentreAsync();
        var migrant = await app.MigrantAsync(familyName: "Crawl" + Guid.NewGuid().ToString("N")[..6]);
        var enrolment = await app.EnrolmentAsync(migrant, alkari.Id, start: TrainingData.Today.AddMonths(-4));
        var host = await app.WithDbAsync(async db =>
        {
            var e = await db.Enrolments.SingleAsync(x => x.Id == enrolment);
            var placement = new HostPlacement
            {
                EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = e.StartDate, SharePercent = 80,
                HostProfessional = new HostProfessional { Name = "Garage du crawl", Kind = HostKind.Garage, City = "Rabat", TradeId = e.TradeId, RegionId = e.RegionId },
            };
            db.HostPlacements.Add(placement);
            await db.SaveChangesAsync();
            return placement.HostProfessionalId;
        });
        return [$"/Migrants/Details/{migrant}", $"/Enrolments/Details/{enrolment}", $"/Hosts/Edit/{host}", $"/Centres/Details/{alkari.Id}", $"/Centres/Edit/{alkari.Id}"];
    }

    private static bool NextOfKind(Dictionary<string, int> kinds, string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        var keys = query < 0 ? "" : string.Join("&", url[(query + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        var kind = IdSegment().Replace(path, "/{id}") + "?" + keys;
        kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        return kinds[kind] <= PerKind;
    }

    /// <summary>A same-origin path and query (no fragment), or null.</summary>
    private static string? Local(string? href)
    {
        if (string.IsNullOrEmpty(href) || href.StartsWith('#') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        // On Unix "/x" parses as an absolute file URI: only http(s) addresses are absolute here.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            if (absolute.Host != "localhost" || absolute.Scheme is not ("http" or "https"))
            {
                return null;
            }
            href = absolute.PathAndQuery;
        }
        var fragment = href.IndexOf('#', StringComparison.Ordinal);
        href = fragment < 0 ? href : href[..fragment];
        return href.StartsWith('/') ? WebUtility.HtmlDecode(href) : null;
    }

    /// <summary>Files rather than pages (exports, downloads, static files) and sign-out.</summary>
    private static bool Skipped(string url)
    {
        var path = url.Split('?')[0];
        return path.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
            || path.Contains("Export", StringComparison.OrdinalIgnoreCase) || path.Contains("Download", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/lib/", StringComparison.Ordinal) || path.StartsWith("/css/", StringComparison.Ordinal)
            || path.StartsWith("/js/", StringComparison.Ordinal) || path.StartsWith("/img/", StringComparison.Ordinal)
            || path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
            || Path.HasExtension(path);
    }
}
