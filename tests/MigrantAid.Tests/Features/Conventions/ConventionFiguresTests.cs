using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Tests.Features.Conventions;

/// <summary>
/// The home widgets and the national view read the convention snapshot rebuilt with the
/// dashboard figures: the same numbers as the live calculation, a change shows after the next
/// refresh, the pages say when the figures are from, scope and small cells as before.
/// </summary>
public sealed class ConventionFiguresTests(ConventionsFixture app) : IClassFixture<ConventionsFixture>
{
    private static readonly CultureInfo French = Cultures.Create(Cultures.French);

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private sealed record OverviewPage(string Distinct, string Sum, Dictionary<string, string> PerConvention, Dictionary<string, string> Pairs, string Text);

    private static OverviewPage Parse(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var stats = doc.QuerySelectorAll(".stat-value").Select(e => e.TextContent.Trim()).ToList();
        var tables = doc.QuerySelectorAll("table").ToList();
        var per = tables[0].QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .ToDictionary(c => c[0], c => c[1]);
        var pairs = tables[1].QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Where(c => c.Count == 3).ToDictionary(c => string.CompareOrdinal(c[0], c[1]) < 0 ? c[0] + "|" + c[1] : c[1] + "|" + c[0], c => c[2]);
        return new OverviewPage(stats[0], stats[1], per, pairs, WebUtility.HtmlDecode(doc.Body!.TextContent));
    }

    private Task<Overlap> LiveOverlapAsync(IndicatorKind kind, int year, string? regionCode = null) =>
        app.WithServiceAsync<IndicatorCalculator, Overlap>(async c =>
        {
            var ids = await app.WithDbAsync(db => db.PartnerConventions
                .Where(x => regionCode == null || x.Regions.Any(r => r.Region!.Code == regionCode)).Select(x => x.Id).ToListAsync());
            return await c.OverlapAsync(kind, ids, new ReportPeriod(year, null), CancellationToken.None);
        });

    private async Task<Dictionary<int, string>> ReferencesAsync() =>
        await app.WithDbAsync(db => db.PartnerConventions.ToDictionaryAsync(c => c.Id, c => c.Reference));

    /// <summary>What the overview page must show for a live overlap.</summary>
    private static void AssertShows(Overlap live, OverviewPage page, Dictionary<int, string> references)
    {
        Assert.Equal(live.DistinctPeople.ToString("N0", French), page.Distinct);
        Assert.Equal(live.SumOfConventions.ToString("N0", French), page.Sum);
        foreach (var (id, reference) in references.Where(r => page.PerConvention.ContainsKey(r.Value)))
        {
            Assert.Equal(live.PerConvention.GetValueOrDefault(id).ToString("N0", French), page.PerConvention[reference]);
        }
        Assert.Equal(live.Pairs.Count, page.Pairs.Count);
        foreach (var ((a, b), count) in live.Pairs)
        {
            var key = string.CompareOrdinal(references[a], references[b]) < 0 ? references[a] + "|" + references[b] : references[b] + "|" + references[a];
            Assert.Equal(count.ToString("N0", French), page.Pairs[key]);
        }
    }

    [Fact]
    public async Task The_snapshot_holds_the_same_figures_as_the_live_calculation_on_the_known_dataset()
    {
        var d = await app.DatasetAsync();
        var refresh = await app.RefreshFiguresAsync();
        var asOf = await app.WithDbAsync(db => db.ConventionFigureRefreshes.SingleAsync());
        Assert.True(asOf.FirstYear <= 2018 && asOf.LastYear >= 2019);
        Assert.Equal(refresh.RefreshedAt, asOf.RefreshedAt);

        var kinds = Enum.GetValues<IndicatorKind>();
        var stored = await app.WithServiceAsync<ConventionFigures, Dictionary<(int Convention, IndicatorKind Kind, int Year), ConventionFigure>>(f =>
            f.ActualsAsync([d.A, d.B, d.C], [2018, 2019], CancellationToken.None));
        foreach (var convention in new[] { d.A, d.B, d.C })
        {
            foreach (var kind in kinds)
            {
                foreach (var year in new[] { 2018, 2019 })
                {
                    var live = await app.WithServiceAsync<IndicatorCalculator, IndicatorActual>(c =>
                        c.ComputeAsync(kind, [convention], new ReportPeriod(year, null), PartnerConvention.DefaultAgeBands, false, CancellationToken.None));
                    var figure = stored.GetValueOrDefault((convention, kind, year));
                    Assert.True(live.Total == (figure?.Total ?? 0), $"{kind} {year} of {convention}: live {live.Total}, stored {figure?.Total}");
                    Assert.Equal(live.People, figure?.People ?? 0);
                    Assert.Equal(live.HeadCount, figure?.HeadCount ?? 0);
                }
            }
        }
        // The known dataset: P2 is attributed to A and B (the overlap), P1 has two enrolments in A.
        Assert.Equal(3, stored[(d.A, IndicatorKind.PeopleEnrolled, 2018)].People);
        Assert.Equal(1, stored[(d.B, IndicatorKind.PeopleEnrolled, 2018)].People);

        // The national view, from the snapshot, shows what the live calculation counts.
        var references = await ReferencesAsync();
        var national = await SignedInAsync(DemoAccounts.National);
        var liveOverlap = await LiveOverlapAsync(IndicatorKind.PeopleEnrolled, 2018);
        Assert.Equal(3, liveOverlap.DistinctPeople);
        Assert.Equal(1, liveOverlap.Pairs[(Math.Min(d.A, d.B), Math.Max(d.A, d.B))]);
        var page = Parse(await national.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleEnrolled"));
        AssertShows(liveOverlap, page, references);
        Assert.Equal("3", page.Distinct);
        Assert.Equal("1", page.Pairs["TEST-CONV-A|TEST-CONV-B"]);
        Assert.Contains("Indicateurs calculés le " + asOf.RefreshedAt.ToLocalTime().ToString("g", French), page.Text, StringComparison.Ordinal);

        // A regional manager's view covers the conventions of their region only (A and B, not C), distinct people among them.
        var rabat = await SignedInAsync(DemoAccounts.RabatManager);
        var regional = Parse(await rabat.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleCompleted"));
        AssertShows(await LiveOverlapAsync(IndicatorKind.PeopleCompleted, 2018, "RSK"), regional, references);
        Assert.Contains("TEST-CONV-A", regional.PerConvention.Keys);
        Assert.DoesNotContain("TEST-CONV-C", regional.PerConvention.Keys);

        // A year the snapshot does not hold is counted live, and says so.
        var before = asOf.FirstYear - 1;
        var old = Parse(await national.GetTextAsync($"/Conventions/Overview?year={before}&kind=PeopleEnrolled"));
        AssertShows(await LiveOverlapAsync(IndicatorKind.PeopleEnrolled, before), old, references);
        Assert.Contains("Indicateurs calculés à l'instant", old.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_attribution_shows_after_the_next_refresh_on_the_home_pages_and_the_national_view_with_small_cells_hidden_from_partners()
    {
        var d = await app.DatasetAsync();
        // Convention D of the EU runs in 2018 only: its home card shows 2018.
        var dId = await app.WithDbAsync(async db =>
        {
            var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync();
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var convention = new PartnerConvention
            {
                Reference = "TEST-CONV-D", Title = "Convention de test D", Themes = ConventionTheme.VocationalTraining,
                Currency = ConventionCurrency.EUR, Budget = 100_000, AgencyShare = 10_000, ExchangeRateToMad = 10.9m,
                StartDate = new DateOnly(2018, 1, 1), EndDate = new DateOnly(2018, 12, 31),
                Partners = [new ConventionPartner { PartnerId = eu, Roles = OrganisationRoles.Funding }],
                Regions = [new ConventionRegion { RegionId = rsk }],
            };
            convention.Apply(ConventionTransition.StartNegotiation, new DateOnly(2017, 6, 1));
            convention.Apply(ConventionTransition.StartFinalising, new DateOnly(2017, 9, 1));
            convention.Apply(ConventionTransition.Sign, new DateOnly(2017, 12, 14));
            convention.Apply(ConventionTransition.EnterIntoForce, new DateOnly(2018, 1, 1));
            convention.Indicators.Add(new ConventionIndicator
            {
                Code = "D-ENR", Kind = (int)IndicatorKind.PeopleEnrolled, TitleFr = "Personnes inscrites D", TitleAr = "مسجلون د", TitleEn = "People enrolled D",
                Unit = "personnes", BaselineYear = 2017, Targets = [new IndicatorTarget { Year = 2018, Value = 10 }],
            });
            db.PartnerConventions.Add(convention);
            await db.SaveChangesAsync();
            return convention.Id;
        });
        var refreshed = await app.RefreshFiguresAsync();
        var partner = await SignedInAsync(DemoAccounts.PartnerEu);
        var national = await SignedInAsync(DemoAccounts.National);

        static string Card(string home, string reference)
        {
            var doc = new HtmlParser().ParseDocument(home);
            var card = doc.QuerySelectorAll(".card").Single(c => c.QuerySelector("h3")?.TextContent.Contains(reference, StringComparison.Ordinal) == true);
            return card.QuerySelector("tbody tr td.text-end")?.TextContent.Trim() ?? "";
        }
        var asOf = await app.WithDbAsync(db => db.ConventionFigureRefreshes.SingleAsync());
        var partnerHome = WebUtility.HtmlDecode(await partner.GetTextAsync("/"));
        Assert.Contains("Indicateurs calculés le " + asOf.RefreshedAt.ToLocalTime().ToString("g", French), partnerHome, StringComparison.Ordinal);
        Assert.Equal("0", Card(partnerHome, "TEST-CONV-D"));
        Assert.DoesNotContain("TEST-CONV-B", partnerHome, StringComparison.Ordinal);
        Assert.Equal("0", Card(WebUtility.HtmlDecode(await national.GetTextAsync("/")), "TEST-CONV-D"));
        var overviewBefore = Parse(await national.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleEnrolled"));

        // P2 (already in A and B) and P3 attributed to D: nothing moves until the next refresh.
        await app.WithDbAsync(async db =>
        {
            db.ConventionAttributions.AddRange(new[] { d.EnrolmentsOfA[2], d.EnrolmentsOfA[3] }
                .Select(e => new ConventionAttribution { PartnerConventionId = dId, RecordKind = AttributedRecordKind.Enrolment, RecordId = e }));
            await db.SaveChangesAsync();
        });
        Assert.Equal("0", Card(WebUtility.HtmlDecode(await partner.GetTextAsync("/")), "TEST-CONV-D"));
        var overviewStill = Parse(await national.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleEnrolled"));
        Assert.Equal(overviewBefore.PerConvention, overviewStill.PerConvention);
        Assert.Equal(overviewBefore.Pairs, overviewStill.Pairs);

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        await app.RefreshFiguresAsync();
        // Rewriting the snapshot is nobody's change: the audit trail stays as it was.
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        var later = await app.WithDbAsync(db => db.ConventionFigureRefreshes.SingleAsync());
        Assert.True(later.RefreshedAt > refreshed.RefreshedAt);

        // The partner sees "< 5" (two people), the national manager the count; both say when it is from.
        partnerHome = WebUtility.HtmlDecode(await partner.GetTextAsync("/"));
        Assert.Equal("< 5", Card(partnerHome, "TEST-CONV-D"));
        Assert.Contains("Indicateurs calculés le " + later.RefreshedAt.ToLocalTime().ToString("g", French), partnerHome, StringComparison.Ordinal);
        var nationalHome = WebUtility.HtmlDecode(await national.GetTextAsync("/"));
        Assert.Equal("2", Card(nationalHome, "TEST-CONV-D"));

        var overviewAfter = Parse(await national.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleEnrolled"));
        Assert.Equal("2", overviewAfter.PerConvention["TEST-CONV-D"]);
        Assert.Equal("1", overviewAfter.Pairs["TEST-CONV-B|TEST-CONV-D"]);
        Assert.Equal("2", overviewAfter.Pairs["TEST-CONV-A|TEST-CONV-D"]);
        Assert.Equal(overviewBefore.Distinct, overviewAfter.Distinct);
        AssertShows(await LiveOverlapAsync(IndicatorKind.PeopleEnrolled, 2018), overviewAfter, await ReferencesAsync());

        // In Arabic and English too, with the date in the culture's format.
        var english = WebUtility.HtmlDecode(await partner.GetTextAsync("/?culture=en"));
        Assert.Contains("Indicators as of " + later.RefreshedAt.ToLocalTime().ToString("g", Cultures.Create(Cultures.English)), english, StringComparison.Ordinal);

        // Scope as before: the partner gets no national view and no other partner's convention.
        Assert.NotEqual(HttpStatusCode.OK, (await partner.GetAsync("/Conventions/Overview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/Conventions/Details/{d.B}")).StatusCode);
        Assert.DoesNotContain("TEST-CONV-B", partnerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST-CONV-C", partnerHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_first_refresh_the_pages_say_the_indicators_are_being_computed()
    {
        await app.DatasetAsync();
        await app.RefreshFiguresAsync();
        // Hold the refresh gate: the first page asks the background job for a refresh, which must not run before the second page.
        var gate = app.Services.GetRequiredService<FiguresTrigger>();
        var entered = false;
        for (var i = 0; i < 300 && !entered; i++)
        {
            entered = gate.TryEnter();
            if (!entered) await Task.Delay(100);
        }
        Assert.True(entered);
        await app.WithDbAsync(async db =>
        {
            await db.ConventionFigures.ExecuteDeleteAsync();
            await db.ConventionFigureRefreshes.ExecuteDeleteAsync();
        });
        try
        {
            var partner = await SignedInAsync(DemoAccounts.PartnerEu);
            var home = WebUtility.HtmlDecode(await partner.GetTextAsync("/"));
            Assert.Contains("Les indicateurs sont en cours de calcul", home, StringComparison.Ordinal);
            Assert.Contains(ConventionsFixture.DemoEuReference, home, StringComparison.Ordinal);
            var national = await SignedInAsync(DemoAccounts.National);
            Assert.Contains("Les indicateurs sont en cours de calcul",
                WebUtility.HtmlDecode(await national.GetTextAsync("/Conventions/Overview?year=2018")), StringComparison.Ordinal);
        }
        finally
        {
            gate.Exit();
            await app.RefreshFiguresAsync();
        }
    }
}
