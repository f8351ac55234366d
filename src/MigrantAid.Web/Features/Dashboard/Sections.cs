using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Dashboard;

/// <summary>The people followed: registrations per month, legal status, vulnerabilities, needs and referrals (sensitive: only for who may read them).</summary>
public sealed class PeopleSection(DashboardFigures figures, IStringLocalizer<SharedResource> l) : IDashboardSection
{
    public int Order => 10;

    public async Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.CentreId is not null || !f.Scope.Has(Permissions.MigrantsReadSensitive))
        {
            return null;
        }
        // From the summary rows (Figures.cs): files by month of registration, needs by month opened.
        var region = f.RegionId;
        var charts = new List<DashboardChart>();

        // Registrations per month, this period and the one before (aligned month by month).
        var current = await figures.ByMonthAsync(Measures.PeopleStatus, region, f.Period.FromMonthIndex, f.Period.ToMonthIndex, ct);
        var previous = await figures.ByMonthAsync(Measures.PeopleStatus, region, f.Previous.FromMonthIndex, f.Previous.ToMonthIndex, ct);
        charts.Add(new DashboardChart("registrations", l["Dashboard.Registrations"], ChartKind.Line,
            f.Period.Months.Select(DashboardMath.MonthLabel).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], f.Period.Months.Select(m => (double)current.GetValueOrDefault(Measures.Month(m))).ToList(), f.MonthsBegun(f.Period)),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], f.Previous.Months.Select(m => (double)previous.GetValueOrDefault(Measures.Month(m))).ToList())]));

        // People followed at the end of the period, by legal status.
        var statusNow = await figures.ByKeyAsync(Measures.PeopleStatus, region, 0, f.Period.ToMonthIndex, ct);
        var statusBefore = await figures.ByKeyAsync(Measures.PeopleStatus, region, 0, f.Previous.ToMonthIndex, ct);
        var statuses = Enum.GetValues<AdministrativeStatus>();
        charts.Add(new DashboardChart("status", l["Dashboard.PeopleByStatus"], ChartKind.Bar,
            statuses.Select(s => (string)l["AdministrativeStatus." + s]).ToList(),
            [new(l["Dashboard.AtEndOf", f.Period.Label], statuses.Select(s => (double)statusNow.GetValueOrDefault((int)s)).ToList()),
             new(l["Dashboard.AtEndOf", f.Previous.Label], statuses.Select(s => (double)statusBefore.GetValueOrDefault((int)s)).ToList())]));

        // Vulnerabilities (several per person), and disability as the Washington Group defines it.
        var kinds = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None).ToList();
        var vulnerable = await figures.ByKeyAsync(Measures.PeopleVulnerability, region, 0, f.Period.ToMonthIndex, ct);
        charts.Add(new DashboardChart("vulnerabilities", l["Dashboard.PeopleByVulnerability"], ChartKind.Bar,
            kinds.Select(v => (string)l["Vulnerability." + v]).Append(l["Dashboard.DisabilityWg"]).ToList(),
            [new(l["Dashboard.AtEndOf", f.Period.Label], kinds.Select(v => (double)vulnerable.GetValueOrDefault((int)v)).Append(vulnerable.GetValueOrDefault(Measures.NoKey)).ToList())]));

        // People followed, by sex and disability (the disaggregation partners ask for).
        var bySexAndDisability = await figures.ByKeysAsync(Measures.PeopleSex, region, 0, f.Period.ToMonthIndex, ct);
        var sexes = Enum.GetValues<Sex>();
        charts.Add(new DashboardChart("disability", l["Dashboard.PeopleByDisability"], ChartKind.StackedBar,
            sexes.Select(x => (string)l["Sex." + x]).ToList(),
            new[] { 1, 2, 0 }.Select(d => new ChartSeries(
                d switch { 1 => l["Dashboard.WithDisability"], 2 => l["Dashboard.WithoutDisability"], _ => l["Dashboard.DisabilityNotAsked"] },
                sexes.Select(x => (double)bySexAndDisability.GetValueOrDefault(((int)x, d))).ToList())).ToList()));

        // Needs opened in the period, by kind and where they stand today.
        var byKind = await figures.ByKeysAsync(Measures.NeedsOpened, region, f.Period.FromMonthIndex, f.Period.ToMonthIndex, ct);
        var needKinds = Enum.GetValues<NeedKind>();
        charts.Add(new DashboardChart("needs", l["Dashboard.NeedsByKind", f.Period.Label], ChartKind.StackedBar,
            needKinds.Select(k => (string)l["NeedKind." + k]).ToList(),
            Enum.GetValues<NeedStatus>().Select(s => new ChartSeries(l["NeedStatus." + s],
                needKinds.Select(k => (double)byKind.GetValueOrDefault(((int)k, (int)s))).ToList())).ToList()));
        return new DashboardSectionResult(l["Dashboard.PeopleHeading"], charts);
    }
}

/// <summary>Vocational training: enrolments by trade and status, attendance, dropouts (income first), completions, diplomas, outcomes at 6 months.</summary>
public sealed class TrainingSection(AppDbContext db, DashboardFigures figures, IStringLocalizer<SharedResource> l) : IDashboardSection
{
    public int Order => 20;

    public async Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!f.Scope.Has(Permissions.EnrolmentsRead))
        {
            return null;
        }
        // A centre's dashboard counts its own few hundred records live (indexed by centre);
        // a region or the whole country reads the summary rows.
        return f.CentreId is null ? await FromFiguresAsync(f, ct) : await LiveAsync(f, ct);
    }

    private async Task<DashboardSectionResult> LiveAsync(DashboardFilter f, CancellationToken ct)
    {
        var enrolments = db.Enrolments.AsNoTracking();
        var attendance = db.MonthlyAttendance.AsNoTracking();
        if (f.RegionId is { } region)
        {
            enrolments = enrolments.Where(e => e.RegionId == region);
            attendance = attendance.Where(a => a.RegionId == region);
        }
        if (f.CentreId is { } centre)
        {
            enrolments = enrolments.Where(e => e.TrainingCentreId == centre);
            attendance = attendance.Where(a => a.TrainingCentreId == centre);
        }
        var charts = new List<DashboardChart>();
        var (from, to) = (f.Period.From, f.Period.To);
        var (pFrom, pTo) = (f.Previous.From, f.Previous.To);

        // Enrolments that ran during the period, by trade and where they stand today.
        var byTrade = await enrolments
            .Where(e => e.StartDate <= to && (e.DroppedOutOn == null || e.DroppedOutOn >= from) && (e.CompletedOn == null || e.CompletedOn >= from))
            .GroupBy(e => new { e.TradeId, e.Status }).Select(g => new { g.Key.TradeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var tradeIds = byTrade.Select(x => x.TradeId).Distinct().ToList();
        var language = Cultures.Current;
        var tradeNames = (await db.Trades.AsNoTracking().Where(t => tradeIds.Contains(t.Id)).ToListAsync(ct))
            .OrderBy(t => t.Name(language), StringComparer.CurrentCulture).ToList();
        charts.Add(new DashboardChart("enrolments", l["Dashboard.EnrolmentsByTrade", f.Period.Label], ChartKind.StackedBar,
            tradeNames.Select(t => t.Name(language)).ToList(),
            Enum.GetValues<EnrolmentStatus>().Select(s => new ChartSeries(l["EnrolmentStatus." + s],
                tradeNames.Select(t => (double)byTrade.Where(x => x.TradeId == t.Id && x.Status == s).Sum(x => x.Count)).ToList())).ToList()));

        // Attendance rate per month (centre and host days together), this period and the one before.
        var months = await RatesAsync(attendance, f.Period, ct);
        var monthsBefore = await RatesAsync(attendance, f.Previous, ct);
        charts.Add(new DashboardChart("attendance", l["Dashboard.AttendanceRate"], ChartKind.Line,
            f.Period.Months.Select(DashboardMath.MonthLabel).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], f.Period.Months.Select(m => months.GetValueOrDefault((m.Year * 12) + m.Month)).ToList(),
                f.MonthsWithFigures(f.Period, m => months.ContainsKey((m.Year * 12) + m.Month))),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], f.Previous.Months.Select(m => monthsBefore.GetValueOrDefault((m.Year * 12) + m.Month)).ToList())],
            IsPercent: true));

        // Dropouts by reason: the need for an income first (the article).
        var reasons = Enum.GetValues<DropoutReason>();
        var drops = await CountByAsync(enrolments.Where(e => e.DroppedOutOn >= from && e.DroppedOutOn <= to), ct);
        var dropsBefore = await CountByAsync(enrolments.Where(e => e.DroppedOutOn >= pFrom && e.DroppedOutOn <= pTo), ct);
        charts.Add(new DashboardChart("dropouts", l["Dashboard.DropoutsByReason"], ChartKind.Bar,
            reasons.Select(r => (string)l["DropoutReason." + r]).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], reasons.Select(r => (double)drops.GetValueOrDefault(r)).ToList()),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], reasons.Select(r => (double)dropsBefore.GetValueOrDefault(r)).ToList())]));

        // Starts, completions, diplomas and dropouts in the period.
        async Task<List<double>> FlowAsync(DateOnly a, DateOnly b) =>
        [
            await enrolments.CountAsync(e => e.ActivatedOn >= a && e.ActivatedOn <= b, ct),
            await enrolments.CountAsync(e => e.CompletedOn >= a && e.CompletedOn <= b, ct),
            await enrolments.CountAsync(e => e.CertifiedOn >= a && e.CertifiedOn <= b, ct),
            await enrolments.CountAsync(e => e.DroppedOutOn >= a && e.DroppedOutOn <= b, ct),
        ];
        charts.Add(new DashboardChart("completions", l["Dashboard.Completions"], ChartKind.Bar,
            [l["Dashboard.Started"], l["Dashboard.Completed"], l["Dashboard.Certified"], l["Dashboard.DroppedOut"]],
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], await FlowAsync(from, to)), new(l["Dashboard.PreviousPeriod", f.Previous.Label], await FlowAsync(pFrom, pTo))]));

        // What became of them: follow-ups that fell due in the period, by outcome (or not recorded yet).
        var outcomes = await OutcomesAsync(enrolments, from, to, ct);
        var outcomesBefore = await OutcomesAsync(enrolments, pFrom, pTo, ct);
        var outcomeKinds = Enum.GetValues<TrainingOutcome>().Select(o => (TrainingOutcome?)o).Append(null).ToList();
        charts.Add(new DashboardChart("outcomes", l["Dashboard.Outcomes"], ChartKind.Bar,
            outcomeKinds.Select(o => o is { } k ? (string)l["TrainingOutcome." + k] : l["Dashboard.OutcomeNotRecorded"]).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], outcomeKinds.Select(o => (double)outcomes.Where(x => x.Outcome == o).Sum(x => x.Count)).ToList()),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], outcomeKinds.Select(o => (double)outcomesBefore.Where(x => x.Outcome == o).Sum(x => x.Count)).ToList())]));
        return new DashboardSectionResult(l["Dashboard.TrainingHeading"], charts);
    }

    private async Task<DashboardSectionResult> FromFiguresAsync(DashboardFilter f, CancellationToken ct)
    {
        var region = f.RegionId;
        var charts = new List<DashboardChart>();
        var (from, to) = (f.Period.FromMonthIndex, f.Period.ToMonthIndex);
        var (pFrom, pTo) = (f.Previous.FromMonthIndex, f.Previous.ToMonthIndex);

        // Enrolments that ran during the period, by trade and where they stand today.
        var byTrade = await figures.RanAsync(region, f.Period, ct);
        var tradeIds = byTrade.Keys.Select(k => k.Item1).Distinct().ToList();
        var language = Cultures.Current;
        var tradeNames = (await db.Trades.AsNoTracking().Where(t => tradeIds.Contains(t.Id)).ToListAsync(ct))
            .OrderBy(t => t.Name(language), StringComparer.CurrentCulture).ToList();
        charts.Add(new DashboardChart("enrolments", l["Dashboard.EnrolmentsByTrade", f.Period.Label], ChartKind.StackedBar,
            tradeNames.Select(t => t.Name(language)).ToList(),
            Enum.GetValues<EnrolmentStatus>().Select(s => new ChartSeries(l["EnrolmentStatus." + s],
                tradeNames.Select(t => (double)byTrade.GetValueOrDefault((t.Id, (int)s))).ToList())).ToList()));

        // Attendance rate per month (centre and host days together), this period and the one before.
        var days = await figures.AttendanceAsync(region, from, to, ct);
        var daysBefore = await figures.AttendanceAsync(region, pFrom, pTo, ct);
        double Rate(Dictionary<int, (long Expected, long Present)> d, DateOnly m) =>
            d.TryGetValue(Measures.Month(m), out var x) ? DashboardMath.Rate(x.Present, x.Expected) : 0;
        charts.Add(new DashboardChart("attendance", l["Dashboard.AttendanceRate"], ChartKind.Line,
            f.Period.Months.Select(DashboardMath.MonthLabel).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], f.Period.Months.Select(m => Rate(days, m)).ToList(),
                f.MonthsWithFigures(f.Period, m => days.TryGetValue(Measures.Month(m), out var x) && x.Expected > 0)),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], f.Previous.Months.Select(m => Rate(daysBefore, m)).ToList())],
            IsPercent: true));

        // Dropouts by reason: the need for an income first (the article).
        var reasons = Enum.GetValues<DropoutReason>();
        var drops = await figures.ByKeyAsync(Measures.Dropped, region, from, to, ct);
        var dropsBefore = await figures.ByKeyAsync(Measures.Dropped, region, pFrom, pTo, ct);
        charts.Add(new DashboardChart("dropouts", l["Dashboard.DropoutsByReason"], ChartKind.Bar,
            reasons.Select(r => (string)l["DropoutReason." + r]).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], reasons.Select(r => (double)drops.GetValueOrDefault((int)r)).ToList()),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], reasons.Select(r => (double)dropsBefore.GetValueOrDefault((int)r)).ToList())]));

        // Starts, completions, diplomas and dropouts in the period.
        string[] flows = [Measures.Started, Measures.Completed, Measures.Certified, Measures.Dropped];
        async Task<List<double>> FlowAsync(int a, int b)
        {
            var totals = await figures.ByMeasureAndRegionAsync(flows, region, a, b, ct);
            return flows.Select(m => (double)totals.Where(x => x.Key.Measure == m).Sum(x => x.Value)).ToList();
        }
        charts.Add(new DashboardChart("completions", l["Dashboard.Completions"], ChartKind.Bar,
            [l["Dashboard.Started"], l["Dashboard.Completed"], l["Dashboard.Certified"], l["Dashboard.DroppedOut"]],
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], await FlowAsync(from, to)), new(l["Dashboard.PreviousPeriod", f.Previous.Label], await FlowAsync(pFrom, pTo))]));

        // What became of them: follow-ups that fell due in the period, by outcome (or not recorded yet).
        var outcomes = await figures.ByKeyAsync(Measures.Outcomes, region, from, to, ct);
        var outcomesBefore = await figures.ByKeyAsync(Measures.Outcomes, region, pFrom, pTo, ct);
        var outcomeKinds = Enum.GetValues<TrainingOutcome>().Select(o => (TrainingOutcome?)o).Append(null).ToList();
        static int Key(TrainingOutcome? o) => o is { } k ? (int)k : Measures.NoKey;
        charts.Add(new DashboardChart("outcomes", l["Dashboard.Outcomes"], ChartKind.Bar,
            outcomeKinds.Select(o => o is { } k ? (string)l["TrainingOutcome." + k] : l["Dashboard.OutcomeNotRecorded"]).ToList(),
            [new(l["Dashboard.CurrentPeriod", f.Period.Label], outcomeKinds.Select(o => (double)outcomes.GetValueOrDefault(Key(o))).ToList()),
             new(l["Dashboard.PreviousPeriod", f.Previous.Label], outcomeKinds.Select(o => (double)outcomesBefore.GetValueOrDefault(Key(o))).ToList())]));
        return new DashboardSectionResult(l["Dashboard.TrainingHeading"], charts);
    }

    private static async Task<Dictionary<int, double>> RatesAsync(IQueryable<MonthlyAttendance> attendance, DashboardPeriod p, CancellationToken ct)
    {
        var (a, b) = (p.FromMonthIndex, p.ToMonthIndex);
        var rows = await attendance.Where(x => (x.Year * 12) + x.Month >= a && (x.Year * 12) + x.Month <= b)
            .GroupBy(x => new { x.Year, x.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Expected = g.Sum(x => x.CentreDaysExpected + x.HostDaysExpected), Present = g.Sum(x => x.CentreDaysPresent + x.HostDaysPresent) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.Year * 12) + r.Month, r => DashboardMath.Rate(r.Present, r.Expected));
    }

    private static async Task<Dictionary<DropoutReason, int>> CountByAsync(IQueryable<Enrolment> dropped, CancellationToken ct) =>
        (await dropped.GroupBy(e => e.DropoutReason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Where(x => x.Key is not null).ToDictionary(x => x.Key!.Value, x => x.Count);

    private sealed record OutcomeCount(TrainingOutcome? Outcome, int Count);

    private static async Task<List<OutcomeCount>> OutcomesAsync(IQueryable<Enrolment> enrolments, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await enrolments.Where(e => e.FollowUpDueOn >= from && e.FollowUpDueOn <= to).GroupBy(e => e.Outcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(x => new OutcomeCount(x.Key, x.Count)).ToList();
}

/// <summary>All regions side by side, for national roles: registrations, starts, dropouts and completions in the period.</summary>
public sealed class RegionsSection(AppDbContext db, DashboardFigures figures, IStringLocalizer<SharedResource> l) : IDashboardSection
{
    public int Order => 5;

    public async Task<DashboardSectionResult?> BuildAsync(DashboardFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!f.AllRegions || !f.Scope.IsNational)
        {
            return null;
        }
        var (from, to) = (f.Period.FromMonthIndex, f.Period.ToMonthIndex);
        var readsPeople = f.Scope.Has(Permissions.MigrantsRead);
        var totals = await figures.ByMeasureAndRegionAsync(
            readsPeople ? [Measures.PeopleStatus, Measures.Started, Measures.Dropped, Measures.Completed] : [Measures.Started, Measures.Dropped, Measures.Completed], null, from, to, ct);
        Dictionary<int, long> Of(string measure) => totals.Where(x => x.Key.Measure == measure).ToDictionary(x => x.Key.Region, x => x.Value);
        var (registered, started, dropped, completed) = (Of(Measures.PeopleStatus), Of(Measures.Started), Of(Measures.Dropped), Of(Measures.Completed));
        var language = Cultures.Current;
        var regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
            .OrderByDescending(r => registered.GetValueOrDefault(r.Id) + started.GetValueOrDefault(r.Id)).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new DashboardSectionResult(l["Dashboard.RegionsHeading"],
        [
            new DashboardChart("regions", l["Dashboard.RegionsSideBySide", f.Period.Label], ChartKind.Bar, regions.Select(r => r.Name(language)).ToList(),
            [
                new(l["Dashboard.Registrations"], regions.Select(r => (double)registered.GetValueOrDefault(r.Id)).ToList()),
                new(l["Dashboard.Started"], regions.Select(r => (double)started.GetValueOrDefault(r.Id)).ToList()),
                new(l["Dashboard.DroppedOut"], regions.Select(r => (double)dropped.GetValueOrDefault(r.Id)).ToList()),
                new(l["Dashboard.Completed"], regions.Select(r => (double)completed.GetValueOrDefault(r.Id)).ToList()),
            ]),
        ]);
    }
}
