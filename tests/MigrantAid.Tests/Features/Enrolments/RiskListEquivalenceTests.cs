using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>
/// The risk list's reasons are computed by the database (issue 13: 393 ms of SQL at a million
/// files when they were computed in memory). On a known, varied dataset the director's list
/// shows exactly the rows, reasons and order that the rules as they were written in memory give.
/// </summary>
public sealed partial class RiskListEquivalenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const double Threshold = 0.70;
    private static readonly Dictionary<string, RiskReasonKind> ReasonTexts = new(StringComparer.Ordinal)
    {
        [RiskListTests.Low] = RiskReasonKind.LowAttendance,
        [RiskListTests.Missing] = RiskReasonKind.MissingMonth,
        [RiskListTests.NoPlacement] = RiskReasonKind.NoPlacement,
        [RiskListTests.Income] = RiskReasonKind.EarlierDropoutForIncome,
        ["Besoin de revenus ouvert dans le dossier (signalé au travailleur social)"] = RiskReasonKind.IncomeNeedOnFile,
    };

    public enum RiskReasonKind { LowAttendance, MissingMonth, NoPlacement, EarlierDropoutForIncome, IncomeNeedOnFile }

    [Fact]
    public async Task The_director_list_matches_the_in_memory_rules_on_a_varied_dataset()
    {
        var centre = await app.CentreAsync();
        var other = await app.CentreInRegionAsync("RSK");
        await ArrangeAsync(app, centre, other);
        var expected = await ExpectedAsync(app, centre.Id, TrainingData.Today);
        Assert.True(expected.Count > 50, "the dataset spans two pages of the list");
        Assert.Contains(expected, r => r.Reasons.Contains(RiskReasonKind.LowAttendance));
        Assert.Contains(expected, r => r.Reasons.Contains(RiskReasonKind.NoPlacement));
        Assert.Contains(expected, r => r.Reasons.Contains(RiskReasonKind.EarlierDropoutForIncome));
        Assert.Contains(expected, r => r.Reasons.Contains(RiskReasonKind.IncomeNeedOnFile));

        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var shown = new List<(int Id, List<RiskReasonKind> Reasons)>();
        for (var page = 1; page <= (expected.Count + 49) / 50; page++)
        {
            shown.AddRange(Rows(await client.GetTextAsync($"/Enrolments/Risk?page={page}")));
        }
        Assert.Equal(expected.Select(r => $"{r.Id}: {string.Join(",", r.Reasons)}"), shown.Select(r => $"{r.Id}: {string.Join(",", r.Reasons)}"));

        // The director's home shows the same list.
        var home = Rows(await client.GetTextAsync("/"));
        Assert.Equal(expected.Select(r => r.Id), home.Select(r => r.Id));
    }

    internal static List<(int Id, List<RiskReasonKind> Reasons)> Rows(string page)
    {
        var rows = new List<(int, List<RiskReasonKind>)>();
        foreach (Match tr in RowPattern().Matches(page))
        {
            var reasons = ReasonPattern().Matches(tr.Groups["reasons"].Value)
                .Select(m => ReasonTexts.Single(t => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).StartsWith(t.Key, StringComparison.Ordinal)).Value)
                .ToList();
            rows.Add((int.Parse(tr.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), reasons));
        }
        return rows;
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"/Enrolments/Details/(?<id>\\d+)\">.*?<ul class=\"list-unstyled mb-0\">(?<reasons>.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ReasonPattern();

    /// <summary>130 apprentices with every mix of attendance, placements, earlier dropouts and needs (fixed seed).</summary>
    internal static async Task ArrangeAsync(AppFactory app, TrainingCentre centre, TrainingCentre other) =>
        await app.WithDbAsync(async db =>
        {
            var rng = new Random(13);
            var today = TrainingData.Today;
            var nationality = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync();
            var region = centre.RegionId;
            var trade = await db.Trades.Where(t => t.Code == "ALU").Select(t => t.Id).SingleAsync();
            // One track without alternating training, so that "no placement" only counts in the other.
            var qualification = await db.DiplomaTracks.SingleAsync(t => t.Code == DiplomaTrack.Qualification);
            qualification.AlternatingTraining = false;
            var apprenticeship = await db.DiplomaTracks.SingleAsync(t => t.Code == DiplomaTrack.Apprenticeship);
            var host = new HostProfessional { Name = "Atelier Equivalence", Kind = HostKind.Workshop, City = "Rabat", TradeId = trade, RegionId = region };
            var centreEntity = await db.TrainingCentres.SingleAsync(c => c.Id == centre.Id);
            var otherEntity = await db.TrainingCentres.SingleAsync(c => c.Id == other.Id);
            for (var i = 0; i < 130; i++)
            {
                var migrant = new Migrant
                {
                    FileNumber = $"EQV-{i:D4}", FamilyName = $"Equiv{i:D3}", GivenName = "Awa", Sex = Sex.Female, BirthYear = 1995,
                    NationalityId = nationality, RegionId = region,
                };
                db.Migrants.Add(migrant);
                await db.SaveChangesAsync();
                var start = today.AddMonths(-rng.Next(0, 22)).AddDays(-rng.Next(0, 20));
                var track = rng.Next(3) == 0 ? qualification : apprenticeship;
                var e = Enrolment.Apply(migrant.Id, centreEntity, trade, track, AcademicYear.Of(start), start, start);
                e.Accept(start);
                var fate = rng.Next(10);
                if (fate < 9)
                {
                    e.Activate(start);
                }
                if (fate == 8)
                {
                    e.Suspend(start.AddDays(1));
                }
                db.Enrolments.Add(e);
                await db.SaveChangesAsync();
                // Attendance: most months since the start, some skipped, some with nothing expected.
                for (var m = new DateOnly(start.Year, start.Month, 1); m <= today; m = m.AddMonths(1))
                {
                    if (rng.Next(5) == 0)
                    {
                        continue;
                    }
                    var expected = rng.Next(6) == 0 ? 0 : 10 + rng.Next(11);
                    var present = expected == 0 ? 0 : rng.Next(3) == 0 ? (int)Math.Round(expected * 0.7) : rng.Next(expected + 1);
                    var hostExpected = rng.Next(4) == 0 ? rng.Next(8) : 0;
                    db.MonthlyAttendance.Add(new MonthlyAttendance
                    {
                        EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, Year = m.Year, Month = m.Month,
                        CentreDaysExpected = expected, CentreDaysPresent = present, HostDaysExpected = hostExpected, HostDaysPresent = rng.Next(hostExpected + 1),
                    });
                }
                // Placements: none, current, ended, starting later, open-ended.
                switch (rng.Next(5))
                {
                    case 1:
                        db.HostPlacements.Add(new HostPlacement { Enrolment = e, HostProfessional = host, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = start, EndDate = today.AddMonths(2) });
                        break;
                    case 2:
                        db.HostPlacements.Add(new HostPlacement { Enrolment = e, HostProfessional = host, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = start, EndDate = today.AddDays(-1) });
                        break;
                    case 3:
                        db.HostPlacements.Add(new HostPlacement { Enrolment = e, HostProfessional = host, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = today.AddDays(1) });
                        break;
                    case 4:
                        db.HostPlacements.Add(new HostPlacement { Enrolment = e, HostProfessional = host, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, StartDate = today });
                        break;
                }
                // An earlier training elsewhere, dropped for one reason or another.
                if (rng.Next(4) == 0)
                {
                    var earlierStart = start.AddMonths(-20);
                    var earlier = Enrolment.Apply(migrant.Id, otherEntity, trade, apprenticeship, AcademicYear.Of(earlierStart), earlierStart, earlierStart);
                    earlier.Accept(earlierStart);
                    earlier.Activate(earlierStart);
                    earlier.DropOut(earlierStart.AddMonths(2), (DropoutReason)rng.Next(Enum.GetValues<DropoutReason>().Length), "note");
                    db.Enrolments.Add(earlier);
                }
                // A need on the file: income or another kind, open, referred or closed.
                if (rng.Next(3) == 0)
                {
                    db.Needs.Add(new Need
                    {
                        MigrantId = migrant.Id, RegionId = region, Kind = rng.Next(2) == 0 ? NeedKind.Income : NeedKind.Housing,
                        Status = (NeedStatus)rng.Next(4), OpenedOn = today.AddMonths(-1),
                    });
                }
                await db.SaveChangesAsync();
            }
        });

    /// <summary>The rules exactly as the list computed them in memory before the reasons moved into SQL.</summary>
    internal static async Task<List<(int Id, string FamilyName, List<RiskReasonKind> Reasons)>> ExpectedAsync(AppFactory app, int centreId, DateOnly today) =>
        await app.WithDbAsync(async db =>
        {
            var due = today.AddMonths(-1);
            var (dueYear, dueMonth) = (due.Year, due.Month);
            var dueMonthEnd = new DateOnly(dueYear, dueMonth, 1).AddMonths(1).AddDays(-1);
            var since = today.AddMonths(-13);
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(e => e.TrainingCentreId == centreId && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended))
                .Include(e => e.Attendance).Include(e => e.Placements).Include(e => e.DiplomaTrack).Include(e => e.Migrant)
                .ToListAsync();
            var all = await db.Enrolments.AsNoTracking().ToListAsync();
            var needs = await db.Needs.AsNoTracking().ToListAsync();
            var rows = new List<(int Id, string FamilyName, List<RiskReasonKind> Reasons)>();
            foreach (var e in enrolments)
            {
                var months = e.Attendance.Where(a => a.Year * 12 + a.Month >= since.Year * 12 + since.Month).ToList();
                var reasons = new List<RiskReasonKind>();
                var recorded = months.OrderByDescending(m => m.Year * 12 + m.Month).Take(2).ToList();
                if (recorded.Count == 2 && recorded[0].Year * 12 + recorded[0].Month - (recorded[1].Year * 12 + recorded[1].Month) == 1
                    && recorded.All(m => MonthlyAttendance.RateOf(m.CentreDaysExpected + m.HostDaysExpected, m.CentreDaysPresent + m.HostDaysPresent) < Threshold))
                {
                    reasons.Add(RiskReasonKind.LowAttendance);
                }
                if (e.StartDate <= dueMonthEnd && !months.Any(m => m.Year == dueYear && m.Month == dueMonth))
                {
                    reasons.Add(RiskReasonKind.MissingMonth);
                }
                if (e.DiplomaTrack!.AlternatingTraining && e.Status == EnrolmentStatus.Active && !e.Placements.Any(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)))
                {
                    reasons.Add(RiskReasonKind.NoPlacement);
                }
                if (all.Any(x => x.MigrantId == e.MigrantId && x.Status == EnrolmentStatus.DroppedOut
                    && x.DropoutReason is DropoutReason.NeedsIncomeBegging or DropoutReason.NeedsIncomeInformalWork))
                {
                    reasons.Add(RiskReasonKind.EarlierDropoutForIncome);
                }
                if (needs.Any(n => n.MigrantId == e.MigrantId && n.Kind == NeedKind.Income && n.Status is NeedStatus.Open or NeedStatus.Referred))
                {
                    reasons.Add(RiskReasonKind.IncomeNeedOnFile);
                }
                if (reasons.Count > 0)
                {
                    rows.Add((e.Id, e.Migrant!.FamilyName, reasons));
                }
            }
            return rows.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.FamilyName, StringComparer.Ordinal).ToList();
        });
}
