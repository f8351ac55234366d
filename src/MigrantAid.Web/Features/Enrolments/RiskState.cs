using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Web.Features.Enrolments;

/// <summary>One enrolment's evaluation by the risk rules, and until when it holds if nothing is saved.</summary>
public sealed record RiskEvaluation(int EnrolmentId, int MigrantId, int TrainingCentreId, int RegionId, int TradeId, string Centre,
    IReadOnlyList<RiskReason> Reasons, DateOnly ValidThrough)
{
    public int Flags => RiskRules.Flags(Reasons);
}

/// <summary>
/// The dropout-risk rules (see <see cref="RiskList"/>), evaluated by the database for the
/// enrolments a query selects (active or suspended ones). The live list and the stored state
/// (<see cref="EnrolmentRisk"/>) both come from here, so they cannot disagree.
/// </summary>
public static class RiskRules
{
    public static int Flags(IEnumerable<RiskReason> reasons) => reasons.Aggregate(0, (f, r) => f | (1 << (int)r));

    public static IReadOnlyList<RiskReason> Reasons(int flags) =>
        Enum.GetValues<RiskReason>().Where(r => (flags & (1 << (int)r)) != 0).ToList();

    public static IQueryable<Enrolment> Evaluated(IQueryable<Enrolment> enrolments) =>
        enrolments.Where(e => e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended);

    /// <summary>The rules for <paramref name="enrolments"/> (only the active and suspended ones count), every row, with or without a reason.</summary>
    public static async Task<List<RiskEvaluation>> EvaluateAsync(AppDbContext db, IQueryable<Enrolment> enrolments, DateOnly today, double threshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = Evaluated(enrolments);
        var (dueYear, dueMonth) = RiskList.MonthDue(today);
        var dueMonthEnd = new DateOnly(dueYear, dueMonth, 1).AddMonths(1).AddDays(-1);
        var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var since = today.AddMonths(-13);
        var sinceKey = since.Year * 12 + since.Month;
        // The people of these enrolments, as a subquery: a region's list once sent three
        // queries of ~8,000 parameters each (912 ms at a million files).
        var migrantIds = query.Select(e => e.MigrantId);
        // Read across the user's scope on purpose (ignoring the scope filter covers a whole
        // query, so these are queries of their own): only the fact of an earlier dropout for income and of
        // an open income need leaves them, as a yes per person, used below for in-scope enrolments.
        // Scope bypass: only the fact of an earlier dropout for income leaves this method.
        var incomeDropouts = (await db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => migrantIds.Contains(e.MigrantId) && e.Status == EnrolmentStatus.DroppedOut
                && (e.DropoutReason == DropoutReason.NeedsIncomeBegging || e.DropoutReason == DropoutReason.NeedsIncomeInformalWork))
            .Select(e => e.MigrantId).Distinct().ToListAsync(ct)).ToHashSet();
        var incomeNeeds = await RiskList.WithOpenIncomeNeedAsync(db, migrantIds, ct);
        var alternatingTracks = db.DiplomaTracks.Where(t => t.AlternatingTraining).Select(t => t.Id);
        // The other reasons are computed by the database, row by row, with index seeks only (the
        // two latest months of attendance, the month due, a current placement).
        var rows = await (
            from e in query
            select new
            {
                e.Id, e.MigrantId, e.TrainingCentreId, e.RegionId, e.TradeId, Centre = e.TrainingCentre!.Name,
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
                // When "no current placement" can next change without a save: a placement starting or ending.
                NextStart = e.Placements.Where(p => p.StartDate > today).OrderBy(p => p.StartDate).Select(p => (DateOnly?)p.StartDate).FirstOrDefault(),
                NextEnd = e.Placements.Where(p => p.EndDate != null && p.EndDate >= today).OrderBy(p => p.EndDate).Select(p => p.EndDate).FirstOrDefault(),
            }).ToListAsync(ct);
        var result = new List<RiskEvaluation>(rows.Count);
        foreach (var e in rows)
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
            if (incomeDropouts.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.EarlierDropoutForIncome);
            }
            if (incomeNeeds.Contains(e.MigrantId))
            {
                reasons.Add(RiskReason.IncomeNeedOnFile);
            }
            var valid = monthEnd;
            if (e.NextStart is { } s && s.AddDays(-1) < valid)
            {
                valid = s.AddDays(-1);
            }
            if (e.NextEnd is { } end && end < valid)
            {
                valid = end;
            }
            result.Add(new RiskEvaluation(e.Id, e.MigrantId, e.TrainingCentreId, e.RegionId, e.TradeId, e.Centre, reasons, valid));
        }
        return result;
    }
}

/// <summary>Writes the stored risk states (<see cref="EnrolmentRisk"/>), outside the change tracker and the audit trail (they are derived).</summary>
public static class RiskStates
{
    /// <summary>Re-evaluates these enrolments and the active ones of these people, whatever the caller's scope.</summary>
    public static async Task RecomputeAsync(AppDbContext db, IReadOnlyCollection<int> enrolmentIds, IReadOnlyCollection<int> migrantIds,
        DateOnly today, double threshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (enrolmentIds.Count == 0 && migrantIds.Count == 0)
        {
            return;
        }
        var enrolments = enrolmentIds.ToList();
        var migrants = migrantIds.ToList();
        // Scope bypass: a derived state, written for every enrolment a save touched (the person's other ones too); nothing is shown.
        var targets = db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(e => EF.Parameter(enrolments).Contains(e.Id) || EF.Parameter(migrants).Contains(e.MigrantId));
        var ids = await targets.Select(e => e.Id).ToListAsync(ct);
        var states = await RiskRules.EvaluateAsync(db, targets, today, threshold, ct);
        await WriteAsync(db, ids, states, ct);
    }

    /// <summary>Replaces the stored states of <paramref name="ids"/> by <paramref name="states"/> (enrolments no longer evaluated lose theirs).</summary>
    public static async Task WriteAsync(AppDbContext db, IReadOnlyCollection<int> ids, IReadOnlyCollection<RiskEvaluation> states, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(states);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var chunk in ids.Chunk(500))
            {
                // Scope bypass: a derived state, replaced whatever the caller's scope.
                await db.EnrolmentRisks.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                    .Where(r => EF.Parameter(chunk).Contains(r.EnrolmentId)).ExecuteDeleteAsync(ct);
            }
            foreach (var s in states)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "EnrolmentRisks" ("EnrolmentId", "MigrantId", "TrainingCentreId", "RegionId", "Reasons", "ReasonCount", "ValidThrough")
                    VALUES ({s.EnrolmentId}, {s.MigrantId}, {s.TrainingCentreId}, {s.RegionId}, {s.Flags}, {s.Reasons.Count}, {s.ValidThrough})
                    """, ct);
            }
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Every active or suspended enrolment evaluated again (the date moved on, or something was
    /// written outside the change tracker); only the states that differ are written.
    /// </summary>
    public static async Task<int> RefreshAllAsync(AppDbContext db, DateOnly today, double threshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Scope bypass: the background refresh, in the system scope; a derived state, nothing is shown.
        var all = db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var states = await RiskRules.EvaluateAsync(db, all, today, threshold, ct);
        // Scope bypass: the stored states to compare with, in the system scope.
        var stored = await db.EnrolmentRisks.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .ToDictionaryAsync(r => r.EnrolmentId, ct);
        var changed = states.Where(s => !stored.TryGetValue(s.EnrolmentId, out var r) || r.Reasons != s.Flags || r.ValidThrough != s.ValidThrough
            || r.MigrantId != s.MigrantId || r.TrainingCentreId != s.TrainingCentreId || r.RegionId != s.RegionId).ToList();
        var evaluated = states.Select(s => s.EnrolmentId).ToHashSet();
        var gone = stored.Keys.Where(id => !evaluated.Contains(id));
        await WriteAsync(db, [.. changed.Select(s => s.EnrolmentId), .. gone], changed, ct);
        return changed.Count;
    }
}

/// <summary>
/// Keeps the stored risk states in step with what is saved through the context: attendance,
/// placements, enrolments (and, for the person's reasons, their other enrolments and needs),
/// diploma tracks. Runs after the save, in its transaction when there is one.
/// </summary>
public sealed class RiskStateInterceptor(TimeProvider clock, IOptions<TrainingOptions> options) : SaveChangesInterceptor
{
    private sealed class Touched
    {
        public readonly List<object> Entities = [];
        public readonly HashSet<int> Migrants = [];
        public bool Tracks;
    }

    private readonly ConditionalWeakTable<DbContext, Touched> pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            var touched = new Touched();
            foreach (var entry in db.ChangeTracker.Entries().Where(x => x.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                switch (entry.Entity)
                {
                    case Enrolment e:
                        touched.Entities.Add(e);
                        touched.Migrants.Add(e.MigrantId);
                        touched.Migrants.Add(entry.State == EntityState.Added ? e.MigrantId : entry.Property(nameof(Enrolment.MigrantId)).OriginalValue as int? ?? e.MigrantId);
                        break;
                    case MonthlyAttendance or HostPlacement:
                        touched.Entities.Add(entry.Entity);
                        break;
                    case Need n:
                        touched.Migrants.Add(n.MigrantId);
                        touched.Migrants.Add(entry.State == EntityState.Added ? n.MigrantId : entry.Property(nameof(Need.MigrantId)).OriginalValue as int? ?? n.MigrantId);
                        break;
                    case DiplomaTrack:
                        touched.Tracks = true;
                        break;
                }
            }
            pending.AddOrUpdate(db, touched);
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db && pending.TryGetValue(db, out var touched))
        {
            pending.Remove(db);
            var today = clock.Today();
            var threshold = options.Value.RiskAttendanceThreshold;
            if (touched.Tracks)
            {
                await RiskStates.RefreshAllAsync(db, today, threshold, cancellationToken);
            }
            else
            {
                // Keys are known after the save (new enrolments, attendance added through a navigation).
                var enrolmentIds = touched.Entities.Select(x => x switch
                {
                    Enrolment e => e.Id,
                    MonthlyAttendance a => a.EnrolmentId != 0 ? a.EnrolmentId : a.Enrolment?.Id ?? 0,
                    HostPlacement p => p.EnrolmentId != 0 ? p.EnrolmentId : p.Enrolment?.Id ?? 0,
                    _ => 0,
                }).Where(id => id != 0).ToHashSet();
                await RiskStates.RecomputeAsync(db, enrolmentIds, touched.Migrants.Where(id => id != 0).ToHashSet(), today, threshold, cancellationToken);
            }
        }
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db)
        {
            pending.Remove(db);
        }
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}

/// <summary>The stored risk states re-evaluated on the background refresh's schedule (the month moves on, placements start and end).</summary>
public sealed class RiskStateRefresh(AppDbContext db, TimeProvider clock, IOptions<TrainingOptions> options) : IPeriodicRefresh
{
    public Task RunAsync(CancellationToken ct) => RiskStates.RefreshAllAsync(db, clock.Today(), options.Value.RiskAttendanceThreshold, ct);
}
