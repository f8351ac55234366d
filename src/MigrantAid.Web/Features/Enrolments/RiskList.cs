using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Enrolments;

public enum RiskReason { LowAttendance, MissingMonth, NoPlacement, EarlierDropoutForIncome, IncomeNeedOnFile }

public sealed record RiskRow(int EnrolmentId, string FileNumber, string FamilyName, string GivenName, string Centre, int TradeId,
    IReadOnlyList<RiskReason> Reasons, int MigrantId = 0)
{
    /// <summary>An open need for income is on the file: a social worker has been asked to act.</summary>
    public bool Referred => Reasons.Contains(RiskReason.IncomeNeedOnFile);
}

/// <summary>
/// Dropout early warning: attendance below the threshold two recorded months running, the
/// month due (the last full month) not entered, no current host placement in an alternating
/// track, an earlier dropout because the person needed an income, or an open need for income
/// on the case file (recorded by a social worker, or by the centre's referral from this list).
/// </summary>
public sealed class RiskList(AppDbContext db, IOptions<TrainingOptions> options, TimeProvider clock)
{
    public double Threshold => options.Value.RiskAttendanceThreshold;

    /// <summary>The month whose attendance is due: the last full calendar month.</summary>
    public static (int Year, int Month) MonthDue(DateOnly today)
    {
        var d = today.AddMonths(-1);
        return (d.Year, d.Month);
    }

    public async Task<IReadOnlyList<RiskRow>> ForAsync(int? centreId, int? regionId, CancellationToken ct)
    {
        var today = clock.Today();
        var (dueYear, dueMonth) = MonthDue(today);
        var dueMonthEnd = new DateOnly(dueYear, dueMonth, 1).AddMonths(1).AddDays(-1);
        var query = db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended);
        if (centreId is { } c)
        {
            query = query.Where(e => e.TrainingCentreId == c);
        }
        if (regionId is { } r)
        {
            query = query.Where(e => e.RegionId == r);
        }
        var since = today.AddMonths(-13);
        var sinceKey = since.Year * 12 + since.Month;
        var threshold = Threshold;
        // The people of these enrolments, as a subquery: a region's list once sent three
        // queries of ~8,000 parameters each (912 ms at a million files).
        var migrantIds = query.Select(e => e.MigrantId);
        // Read across the user's scope on purpose (ignoring the scope filter covers a whole
        // query, so these are queries of their own): only the fact of an earlier dropout for income and of
        // an open income need leaves them, as a yes per person, used below for in-scope enrolments.
        // Scope bypass: only the fact of an earlier dropout for income leaves this method.
        var incomeDropouts = await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => migrantIds.Contains(e.MigrantId) && e.Status == EnrolmentStatus.DroppedOut
                && (e.DropoutReason == DropoutReason.NeedsIncomeBegging || e.DropoutReason == DropoutReason.NeedsIncomeInformalWork))
            .Select(e => e.MigrantId).Distinct().ToListAsync(ct);
        var incomeNeeds = (await WithOpenIncomeNeedAsync(db, migrantIds, ct)).ToList();
        var flaggedPeople = incomeDropouts.Union(incomeNeeds).ToHashSet();
        var alternatingTracks = db.DiplomaTracks.Where(t => t.AlternatingTraining).Select(t => t.Id);
        // The other reasons are computed by the database, row by row, with index seeks only (the
        // two latest months of attendance, the month due, a current placement), and only the rows
        // with a reason are kept: the page used to read every active enrolment of the scope with
        // 13 months of attendance and decide in memory (393 ms of SQL at a million files).
        var flagged = await (
            from e in query
            select new
            {
                e.Id, e.MigrantId, e.TradeId, Centre = e.TrainingCentre!.Name,
                // The two latest recorded months of the last 13: both below the threshold, and consecutive.
                LowCount = e.Attendance.Where(a => a.Year * 12 + a.Month >= sinceKey)
                    .OrderByDescending(a => a.Year).ThenByDescending(a => a.Month).Take(2)
                    .Count(a => a.CentreDaysExpected + a.HostDaysExpected > 0
                        && (double)(a.CentreDaysPresent + a.HostDaysPresent)
                            / (a.CentreDaysExpected + a.HostDaysExpected > 0 ? a.CentreDaysExpected + a.HostDaysExpected : 1) < threshold),
                Newest = e.Attendance.Where(a => a.Year * 12 + a.Month >= sinceKey)
                    .OrderByDescending(a => a.Year).ThenByDescending(a => a.Month).Take(2).Max(a => (int?)(a.Year * 12 + a.Month)),
                Older = e.Attendance.Where(a => a.Year * 12 + a.Month >= sinceKey)
                    .OrderByDescending(a => a.Year).ThenByDescending(a => a.Month).Take(2).Min(a => (int?)(a.Year * 12 + a.Month)),
                Missing = e.StartDate <= dueMonthEnd && !e.Attendance.Any(a => a.Year == dueYear && a.Month == dueMonth),
                NoPlacement = e.Status == EnrolmentStatus.Active && alternatingTracks.Contains(e.DiplomaTrackId)
                    && !e.Placements.Any(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)),
            }).ToListAsync(ct);
        // Filtered here, not in SQL: EF would repeat every subquery in the WHERE clause.
        flagged = flagged.Where(x => (x.LowCount == 2 && x.Older == x.Newest - 1) || x.Missing || x.NoPlacement || flaggedPeople.Contains(x.MigrantId)).ToList();
        var atRisk = flagged.Select(e => e.MigrantId).Distinct().ToList();
        // Scope bypass: names of apprentices already visible through their in-scope enrolment.
        var names = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => EF.Parameter(atRisk).Contains(m.Id))
            .Select(m => new { m.Id, m.FileNumber, m.FamilyName, m.GivenName }).ToDictionaryAsync(m => m.Id, ct);
        var dropouts = incomeDropouts.ToHashSet();
        var needs = incomeNeeds.ToHashSet();

        var rows = new List<RiskRow>(flagged.Count);
        foreach (var e in flagged)
        {
            var reasons = new List<RiskReason>(5);
            if (e.LowCount == 2 && e.Older == e.Newest - 1)
            {
                reasons.Add(RiskReason.LowAttendance);
            }
            if (e.Missing)
            {
                reasons.Add(RiskReason.MissingMonth);
            }
            if (e.NoPlacement)
            {
                reasons.Add(RiskReason.NoPlacement);
            }
            if (dropouts.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.EarlierDropoutForIncome);
            }
            if (needs.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.IncomeNeedOnFile);
            }
            if (names.TryGetValue(e.MigrantId, out var n))
            {
                rows.Add(new RiskRow(e.Id, n.FileNumber, n.FamilyName, n.GivenName, e.Centre, e.TradeId, reasons, e.MigrantId));
            }
        }
        return rows.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.FamilyName, StringComparer.CurrentCulture).ThenBy(r => r.EnrolmentId).ToList();
    }

    /// <summary>
    /// Which of these people have an open or referred need for income: a yes per person, never
    /// the need itself (its text and region may be outside the caller's scope).
    /// </summary>
    public static Task<HashSet<int>> WithOpenIncomeNeedAsync(AppDbContext db, IReadOnlyCollection<int> migrantIds, CancellationToken ct) =>
        OpenIncomeNeedAmongAsync(db, n => migrantIds.Contains(n.MigrantId), ct);

    /// <summary>The same, for the people a query selects (sent as a subquery, not as a list of parameters).</summary>
    public static Task<HashSet<int>> WithOpenIncomeNeedAsync(AppDbContext db, IQueryable<int> migrantIds, CancellationToken ct) =>
        OpenIncomeNeedAmongAsync(db, n => migrantIds.Contains(n.MigrantId), ct);

    private static async Task<HashSet<int>> OpenIncomeNeedAmongAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<Need, bool>> among, CancellationToken ct) =>
        (await db.Needs
            // Scope bypass: a director's apprentice may be followed in another region; only the yes/no leaves.
            .IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(among)
            .Where(n => n.Kind == NeedKind.Income && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Referred))
            .Select(n => n.MigrantId).Distinct().ToListAsync(ct)).ToHashSet();
}
