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
        var enrolments = await query
            .Select(e => new
            {
                e.Id, e.MigrantId, e.TradeId, e.StartDate, e.Status, Centre = e.TrainingCentre!.Name,
                Alternating = e.DiplomaTrack!.AlternatingTraining,
                Months = e.Attendance.Where(a => a.Year * 12 + a.Month >= since.Year * 12 + since.Month)
                    .Select(a => new { a.Year, a.Month, Expected = a.CentreDaysExpected + a.HostDaysExpected, Present = a.CentreDaysPresent + a.HostDaysPresent })
                    .ToList(),
                HasPlacement = e.Placements.Any(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)),
            })
            .ToListAsync(ct);
        // The people of these enrolments, as a subquery: a region's list once sent three
        // queries of ~8,000 parameters each (912 ms at a million files).
        var migrantIds = query.Select(e => e.MigrantId);
        // Read across the user's scope on purpose: only the fact of an earlier dropout for income
        // and the apprentice's name (already visible through the enrolment) leave this method.
        // Scope bypass: only the fact of an earlier dropout for income leaves this method.
        var incomeDropouts = (await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => migrantIds.Contains(e.MigrantId) && e.Status == EnrolmentStatus.DroppedOut
                && (e.DropoutReason == DropoutReason.NeedsIncomeBegging || e.DropoutReason == DropoutReason.NeedsIncomeInformalWork))
            .Select(e => e.MigrantId).Distinct().ToListAsync(ct)).ToHashSet();
        // Scope bypass: names of apprentices already visible through their in-scope enrolment.
        var names = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => migrantIds.Contains(m.Id))
            .Select(m => new { m.Id, m.FileNumber, m.FamilyName, m.GivenName }).ToDictionaryAsync(m => m.Id, ct);
        // Same rule: only the fact that an income need is open leaves this method, never the need.
        var incomeNeeds = await WithOpenIncomeNeedAsync(db, migrantIds, ct);

        var rows = new List<RiskRow>();
        foreach (var e in enrolments)
        {
            var reasons = new List<RiskReason>();
            var recorded = e.Months.OrderByDescending(m => m.Year * 12 + m.Month).Take(2).ToList();
            if (recorded.Count == 2 && recorded[0].Year * 12 + recorded[0].Month - (recorded[1].Year * 12 + recorded[1].Month) == 1
                && recorded.All(m => MonthlyAttendance.RateOf(m.Expected, m.Present) < Threshold))
            {
                reasons.Add(RiskReason.LowAttendance);
            }
            if (e.StartDate <= dueMonthEnd && !e.Months.Any(m => m.Year == dueYear && m.Month == dueMonth))
            {
                reasons.Add(RiskReason.MissingMonth);
            }
            if (e.Alternating && e.Status == EnrolmentStatus.Active && !e.HasPlacement)
            {
                reasons.Add(RiskReason.NoPlacement);
            }
            if (incomeDropouts.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.EarlierDropoutForIncome);
            }
            if (incomeNeeds.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.IncomeNeedOnFile);
            }
            if (reasons.Count > 0 && names.TryGetValue(e.MigrantId, out var n))
            {
                rows.Add(new RiskRow(e.Id, n.FileNumber, n.FamilyName, n.GivenName, e.Centre, e.TradeId, reasons, e.MigrantId));
            }
        }
        return rows.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.FamilyName, StringComparer.CurrentCulture).ToList();
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
