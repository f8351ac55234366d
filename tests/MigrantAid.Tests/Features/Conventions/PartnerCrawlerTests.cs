using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Conventions;

/// <summary>
/// Signs in as the EU partner's liaison and follows every link and file reachable from the home
/// page: none may carry a person's name, file number, phone, document or diploma number, or
/// free text of a record attributed to the partner's conventions.
/// </summary>
public sealed class PartnerCrawlerTests(ConventionsFixture app) : IClassFixture<ConventionsFixture>
{
    private const int MaxPages = 300;

    [Fact]
    public async Task No_page_or_file_reachable_by_a_partner_contains_person_level_data()
    {
        var d = await app.DatasetAsync();
        // The home page's indicators come from the snapshot: rebuilt with the dataset in it.
        await app.RefreshFiguresAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.PartnerEu);

        var forbidden = d.People.SelectMany(p => new[] { p.FamilyName, p.GivenName, p.FileNumber, p.Phone, p.Document })
            .Concat(["CRAWLDIPLOMA-77", "CRAWLNOTE", "Crawlfamily", "Crawlgiven"]).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", "/Conventions", $"/Conventions/Details/{d.A}"]);
        var visited = new List<string>();
        while (queue.Count > 0 && visited.Count < MaxPages)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }
            var response = await client.GetAsync(url);
            visited.Add($"{url} {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var text = type.Contains("spreadsheetml", StringComparison.Ordinal) ? XlsxText(bytes) : WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
            foreach (var value in forbidden)
            {
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{url} shows «{value}»");
            }
            if (type == "text/html")
            {
                foreach (var href in new HtmlParser().ParseDocument(text).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                        && !href.StartsWith("/lib/", StringComparison.Ordinal) && !href.StartsWith("/css/", StringComparison.Ordinal) && !href.Contains("culture=", StringComparison.Ordinal))
                    {
                        queue.Enqueue(href);
                    }
                }
            }
        }
        // The crawl reached the partner's convention pages and every kind of file.
        Assert.Contains(visited, v => v.StartsWith($"/Conventions/Details/{d.A} 200", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.Contains("format=csv", StringComparison.Ordinal) && v.EndsWith(" 200", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.Contains("format=xlsx", StringComparison.Ordinal) && v.EndsWith(" 200", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.Contains("format=xml", StringComparison.Ordinal) && v.EndsWith(" 200", StringComparison.Ordinal));
        Assert.True(visited.Count < MaxPages, "the crawl did not end");

        // And the person-level pages themselves are closed to them.
        foreach (var url in new[] { "/Migrants", $"/Migrants/Details/{d.People[0].Id}", $"/Enrolments/Details/{d.EnrolmentsOfA[0]}", "/Enrolments" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
    }

    private static string XlsxText(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sb = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            sb.Append(reader.ReadToEnd());
        }
        return sb.ToString();
    }
}
