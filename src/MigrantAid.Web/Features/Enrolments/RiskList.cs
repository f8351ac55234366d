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
        var query = RiskRules.Evaluated(db.Enrolments.AsNoTracking());
        var risks = db.EnrolmentRisks.AsNoTracking().Where(r => r.ReasonCount > 0 && r.ValidThrough >= today);
        if (centreId is { } c)
        {
            query = query.Where(e => e.TrainingCentreId == c);
            risks = risks.Where(r => r.TrainingCentreId == c);
        }
        if (regionId is { } r)
        {
            query = query.Where(e => e.RegionId == r);
            risks = risks.Where(x => x.RegionId == r);
        }
        // The stored states (RiskState.cs) still valid today, with a reason: a region's rows from an
        // index, where evaluating every apprentice took 181 ms of SQL at a million files.
        var stored = await (
            from x in risks
            join e in query on x.EnrolmentId equals e.Id
            select new { e.Id, e.MigrantId, e.TradeId, e.TrainingCentreId, x.Reasons }).ToListAsync(ct);
        var centreIds = stored.Select(x => x.TrainingCentreId).Distinct().ToList();
        var centres = await db.TrainingCentres.AsNoTracking().Where(t => EF.Parameter(centreIds).Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var flagged = stored.Select(x => (x.Id, x.MigrantId, x.TradeId, Centre: centres.GetValueOrDefault(x.TrainingCentreId, ""), Reasons: RiskRules.Reasons(x.Reasons))).ToList();
        // Enrolments without a state valid today (the month moved on before the background refresh,
        // records written outside the app) are evaluated now by the same rules, so the list is always
        // exact. Whether there are any is asked of the indexes alone: every active enrolment of the
        // scope has a state (the same number of each) and none has expired.
        var scoped = db.EnrolmentRisks.AsNoTracking();
        if (centreId is { } sc)
        {
            scoped = scoped.Where(x => x.TrainingCentreId == sc);
        }
        if (regionId is { } sr)
        {
            scoped = scoped.Where(x => x.RegionId == sr);
        }
        if (await scoped.AnyAsync(x => x.ValidThrough < today, ct) || await scoped.CountAsync(ct) != await query.CountAsync(ct))
        {
            var stale = query.Where(e => !db.EnrolmentRisks.Any(x => x.EnrolmentId == e.Id && x.ValidThrough >= today));
            flagged.AddRange((await RiskRules.EvaluateAsync(db, stale, today, Threshold, ct)).Where(x => x.Reasons.Count > 0)
                .Select(x => (Id: x.EnrolmentId, x.MigrantId, x.TradeId, x.Centre, x.Reasons)));
        }
        var atRisk = flagged.Select(e => e.MigrantId).Distinct().ToList();
        // Scope bypass: names of apprentices already visible through their in-scope enrolment.
        var names = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(m => EF.Parameter(atRisk).Contains(m.Id))
            .Select(m => new { m.Id, m.FileNumber, m.FamilyName, m.GivenName }).ToDictionaryAsync(m => m.Id, ct);
        var rows = new List<RiskRow>(flagged.Count);
        foreach (var e in flagged)
        {
            if (names.TryGetValue(e.MigrantId, out var n))
            {
                rows.Add(new RiskRow(e.Id, n.FileNumber, n.FamilyName, n.GivenName, e.Centre, e.TradeId, e.Reasons, e.MigrantId));
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
