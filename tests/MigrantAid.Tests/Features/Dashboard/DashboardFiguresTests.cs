using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Tests.Features.Dashboard;

/// <summary>
/// The dashboards read summary rows rebuilt in the background. Over files, needs, enrolments and
/// attendance spread over two years in two regions, every figure of the summary equals the same
/// figure counted from the records, for each kind of period, nationally and for one region.
/// </summary>
public sealed class DashboardFiguresTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => TestClock.Today;

    private async Task ArrangeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Migrants.AnyAsync(m => m.FamilyName == "Figuresdash"))
            {
                return;
            }
            var dod = await db.Regions.Where(r => r.Code == "DOD").Select(r => r.Id).SingleAsync();
            var ori = await db.Regions.Where(r => r.Code == "ORI").Select(r => r.Id).SingleAsync();
            var sn = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            var statuses = Enum.GetValues<AdministrativeStatus>();
            var people = new List<(Migrant M, DateOnly Created)>();
            for (var i = 0; i < 24; i++)
            {
                var created = Today.AddDays(-29 * i);
                var m = new Migrant
                {
                    FileNumber = $"FIG-{i}", FamilyName = "Figuresdash", GivenName = "Awa" + i, Sex = i % 3 == 0 ? Sex.Male : Sex.Female, BirthYear = 1990 + (i % 10),
                    NationalityId = sn, RegionId = i % 2 == 0 ? dod : ori, AdministrativeStatus = statuses[i % statuses.Length],
                    Vulnerabilities = i % 4 == 0 ? Vulnerability.Homeless : i % 5 == 0 ? Vulnerability.Homeless | Vulnerability.None : Vulnerability.None,
                };
                m.UpdateSearchKeys();
                db.Migrants.Add(m);
                people.Add((m, created));
            }
            await db.SaveChangesAsync();
            foreach (var (m, created) in people)
            {
                var at = new DateTimeOffset(created.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                await db.Migrants.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, at));
                db.Needs.Add(new Need { MigrantId = m.Id, RegionId = m.RegionId, Kind = (NeedKind)(m.Id % 4), Status = (NeedStatus)(m.Id % 3), OpenedOn = created.AddDays(3) });
            }
            var centres = await db.TrainingCentres.AsNoTracking().Where(c => c.RegionId == dod || c.RegionId == ori).OrderBy(c => c.Id).ToListAsync();
            var track = await db.DiplomaTracks.AsNoTracking().SingleAsync(t => t.Code == DiplomaTrack.Apprenticeship);
            var trades = await db.Trades.OrderBy(t => t.Id).Select(t => t.Id).Take(3).ToListAsync();
            for (var i = 0; i < people.Count; i++)
            {
                var (m, _) = people[i];
                var centre = centres.First(c => c.RegionId == m.RegionId);
                var start = new DateOnly(2025, 1, 6).AddDays(37 * i);
                if (start > Today) start = Today;
                var e = Enrolment.Apply(m.Id, centre, trades[i % trades.Count], track, AcademicYear.Of(start), start, Today);
                if (i % 6 != 5)
                {
                    e.Accept(start);
                    e.Activate(start);
                    var end = start.AddDays(120 + (11 * i));
                    if (end <= Today && i % 3 == 0) e.DropOut(end, (DropoutReason)(i % 7));
                    else if (end <= Today && i % 3 == 1)
                    {
                        e.Complete(end);
                        if (i % 2 == 0) e.Certify("D-" + i, end.AddDays(10));
                    }
                    for (var month = new DateOnly(start.Year, start.Month, 1); month <= Today && month < start.AddMonths(5); month = month.AddMonths(1))
                    {
                        e.Attendance.Add(new MonthlyAttendance { TrainingCentreId = centre.Id, RegionId = centre.RegionId, Year = month.Year, Month = month.Month,
                            CentreDaysExpected = 10, CentreDaysPresent = 5 + (i % 5), HostDaysExpected = 8, HostDaysPresent = i % 8 });
                    }
                }
                db.Enrolments.Add(e);
            }
            await db.SaveChangesAsync();
        });
        await app.RefreshFiguresAsync();
    }

    private static Dictionary<string, JsonElement> Charts(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/json'][id^='chart-data-']")
            .ToDictionary(s => s.Id!["chart-data-".Length..], s => JsonDocument.Parse(s.TextContent).RootElement.Clone());

    private static double[] Values(JsonElement chart, int series) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>A series of the current period: null for the months that have not begun (no figure yet, not zero).</summary>
    private static double?[] Known(JsonElement chart, int series) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    private static double?[] SoFar(DashboardPeriod p, Func<DateOnly, double> figure) =>
        p.Months.Select(m => m <= new DateOnly(Today.Year, Today.Month, 1) ? figure(m) : (double?)null).ToArray();

    private static double[] Total(JsonElement chart)
    {
        var series = Enumerable.Range(0, chart.GetProperty("series").GetArrayLength()).Select(s => Values(chart, s)).ToList();
        return [series.Sum(s => s.Sum())];
    }

    private sealed record Raw(List<Migrant> People, List<Need> Needs, List<Enrolment> Enrolments, List<MonthlyAttendance> Attendance);

    private Task<Raw> RawAsync(int? region) => app.WithDbAsync(async db => new Raw(
        await db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null && (region == null || m.RegionId == region)).ToListAsync(),
        await db.Needs.AsNoTracking().Where(n => region == null || n.RegionId == region).ToListAsync(),
        await db.Enrolments.AsNoTracking().Where(e => region == null || e.RegionId == region).ToListAsync(),
        await db.MonthlyAttendance.AsNoTracking().Where(a => region == null || a.RegionId == region).ToListAsync()));

    [Theory]
    [InlineData("Month", "2026-11", false)]
    [InlineData("Month", "2026-03", true)]
    [InlineData("Quarter", "2026-08", false)]
    [InlineData("Quarter", "2025-11", true)]
    [InlineData("Year", "2026-05", false)]
    [InlineData("Year", "2025-05", true)]
    [InlineData("AcademicYear", "2026-11", true)]
    [InlineData("AcademicYear", "2025-10", false)]
    public async Task Figures_from_the_summary_equal_the_figures_counted_from_the_records(string kind, string month, bool oneRegion)
    {
        await ArrangeAsync();
        int? region = oneRegion ? await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "DOD").Select(r => r.Id).SingleAsync()) : null;
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.National);
        var charts = Charts(await client.GetTextAsync($"/Dashboard?period={kind}&month={month}" + (region is { } r ? $"&regionId={r}" : "")));
        var p = DashboardPeriod.Containing(Enum.Parse<PeriodKind>(kind), DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var raw = await RawAsync(region);

        // People: registrations per month (this period and the one before), status and vulnerabilities at the end, needs opened.
        double Registered(DateOnly m) => raw.People.Count(x => x.CreatedAt >= new DateTimeOffset(m.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            && x.CreatedAt < new DateTimeOffset(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Assert.Equal(SoFar(p, Registered), Known(charts["registrations"], 0));
        Assert.Equal(p.Previous.Months.Select(Registered).ToArray(), Values(charts["registrations"], 1));
        double[] Statuses(DashboardPeriod q) => Enum.GetValues<AdministrativeStatus>().Select(s => (double)raw.People.Count(x => x.CreatedAt < q.EndInstant && x.AdministrativeStatus == s)).ToArray();
        Assert.Equal(Statuses(p), Values(charts["status"], 0));
        Assert.Equal(Statuses(p.Previous), Values(charts["status"], 1));
        var kinds = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None);
        Assert.Equal(kinds.Select(v => (double)raw.People.Count(x => x.CreatedAt < p.EndInstant && (x.Vulnerabilities & v) != 0))
            .Append(raw.People.Count(x => x.CreatedAt < p.EndInstant && x.HasDisability == true)).ToArray(), Values(charts["vulnerabilities"], 0));
        Assert.Equal([raw.Needs.Count(n => n.OpenedOn >= p.From && n.OpenedOn <= p.To)], Total(charts["needs"]));

        // Training: enrolments that ran, attendance, dropouts by reason, flows, outcomes.
        Assert.Equal([raw.Enrolments.Count(e => e.StartDate <= p.To && (e.DroppedOutOn == null || e.DroppedOutOn >= p.From) && (e.CompletedOn == null || e.CompletedOn >= p.From))],
            Total(charts["enrolments"]));
        double Rate(DateOnly m)
        {
            var rows = raw.Attendance.Where(a => a.Year == m.Year && a.Month == m.Month).ToList();
            return DashboardMath.Rate(rows.Sum(a => a.CentreDaysPresent + a.HostDaysPresent), rows.Sum(a => a.CentreDaysExpected + a.HostDaysExpected));
        }
        // The attendance of the months under way is not entered yet: no rate after the last month that has one.
        bool Entered(DateOnly m) => raw.Attendance.Any(a => a.Year == m.Year && a.Month == m.Month && a.CentreDaysExpected + a.HostDaysExpected > 0);
        var rates = SoFar(p, Rate);
        var last = rates.Length - 1;
        while (last >= 0 && rates[last] is null)
        {
            last--;
        }
        for (; last >= 0 && !Entered(p.Months[last]); last--)
        {
            rates[last] = null;
        }
        Assert.Equal(rates, Known(charts["attendance"], 0));
        Assert.Equal(p.Previous.Months.Select(Rate).ToArray(), Values(charts["attendance"], 1));
        bool In(DateOnly? d, DashboardPeriod q) => d >= q.From && d <= q.To;
        Assert.Equal(Enum.GetValues<DropoutReason>().Select(x => (double)raw.Enrolments.Count(e => In(e.DroppedOutOn, p) && e.DropoutReason == x)).ToArray(), Values(charts["dropouts"], 0));
        double[] Flow(DashboardPeriod q) => [raw.Enrolments.Count(e => In(e.ActivatedOn, q)), raw.Enrolments.Count(e => In(e.CompletedOn, q)),
            raw.Enrolments.Count(e => In(e.CertifiedOn, q)), raw.Enrolments.Count(e => In(e.DroppedOutOn, q))];
        Assert.Equal(Flow(p), Values(charts["completions"], 0));
        Assert.Equal(Flow(p.Previous), Values(charts["completions"], 1));
        Assert.Equal(Enum.GetValues<TrainingOutcome>().Select(o => (TrainingOutcome?)o).Append(null)
            .Select(o => (double)raw.Enrolments.Count(e => In(e.FollowUpDueOn, p) && e.Outcome == o)).ToArray(), Values(charts["outcomes"], 0));

        // The regions side by side add up to the national registrations.
        if (region is null)
        {
            Assert.Equal(p.Months.Sum(Registered), Values(charts["regions"], 0).Sum());
            Assert.Equal(raw.Enrolments.Count(e => In(e.CompletedOn, p)), Values(charts["regions"], 3).Sum());
        }
        Assert.True(raw.Enrolments.Any(e => e.StartDate <= p.To), "the dataset covers the period");
    }

    [Fact]
    public async Task A_record_added_after_a_refresh_appears_after_the_next_refresh_and_the_page_says_when_its_figures_are_from()
    {
        await ArrangeAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.National);
        async Task<double> RegisteredThisMonthAsync() => Known(Charts(await client.GetTextAsync("/Dashboard?period=Month"))["registrations"], 0).Sum()!.Value;
        var before = await RegisteredThisMonthAsync();
        var refreshed = await app.WithDbAsync(db => db.DashboardFigureRefreshes.SingleAsync());
        var html = await client.GetTextAsync("/Dashboard?period=Month");
        Assert.Contains("Chiffres au " + refreshed.RefreshedAt.ToLocalTime().ToString("g", System.Globalization.CultureInfo.GetCultureInfo("fr-MA")), System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        await app.AddMigrantAsync("ORI", MigrantTestData.UniqueName("Latecomer"), "Awa");
        Assert.Equal(before, await RegisteredThisMonthAsync());
        // A refresh rewrites every summary row: none of that is a person's change, so the audit trail does not grow.
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        await app.RefreshFiguresAsync();
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(before + 1, await RegisteredThisMonthAsync());

        // The managers' home summary reads the same figures and says when they are from.
        var home = System.Net.WebUtility.HtmlDecode(await client.GetTextAsync("/"));
        Assert.Contains("Chiffres au ", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_refreshes_never_run_at_once()
    {
        await ArrangeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Another app instance takes the lease (waiting for this one's background run, if any, to end).
        var other = new JobLeases(db, new JobInstance(), app.Clock);
        var taken = false;
        for (var i = 0; i < 300 && !taken; i++)
        {
            taken = await other.TryAcquireAsync(FiguresRefresher.LeaseName, TimeSpan.FromMinutes(5), CancellationToken.None);
            if (!taken) await Task.Delay(100);
        }
        Assert.True(taken);
        var refresher = scope.ServiceProvider.GetRequiredService<FiguresRefresher>();
        Assert.Null(await refresher.RefreshAsync(CancellationToken.None));

        await other.ReleaseAsync(FiguresRefresher.LeaseName, CancellationToken.None);

        // In one instance, a second caller while a refresh runs (it holds the gate) is turned away too.
        var gate = scope.ServiceProvider.GetRequiredService<FiguresTrigger>();
        var entered = false;
        for (var i = 0; i < 300 && !entered; i++)
        {
            entered = gate.TryEnter();
            if (!entered) await Task.Delay(100);
        }
        Assert.True(entered);
        try
        {
            Assert.Null(await refresher.RefreshAsync(CancellationToken.None));
        }
        finally
        {
            gate.Exit();
        }
        Assert.NotNull(await app.RefreshFiguresAsync());
    }

    [Fact]
    public async Task An_administrator_asks_for_a_refresh_from_the_dashboard()
    {
        await ArrangeAsync();
        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var before = await app.WithDbAsync(db => db.DashboardFigureRefreshes.SingleAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var trigger = app.Services.GetRequiredService<FiguresTrigger>();
        var next = trigger.NextRun;
        var response = await admin.SubmitFormAsync("/Dashboard", new Dictionary<string, string>(), "/Dashboard/Refresh");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        await next.WaitAsync(TimeSpan.FromSeconds(30));
        var after = await app.WithDbAsync(db => db.DashboardFigureRefreshes.SingleAsync());
        Assert.True(after.RefreshedAt > before.RefreshedAt);

        // A national manager has no such button.
        var national = app.CreateBrowserLikeClient();
        await national.SignInOrFailAsync(DemoAccounts.National);
        Assert.DoesNotContain("/Dashboard/Refresh", await national.GetTextAsync("/Dashboard"), StringComparison.Ordinal);
    }
}
