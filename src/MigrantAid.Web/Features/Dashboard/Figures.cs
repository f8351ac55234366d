using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Web.Features.Dashboard;

/// <summary>What the summary rows count (<see cref="DashboardFigure.Measure"/>).</summary>
public static class Measures
{
    /// <summary>Files (not merged) by month of registration and legal status today.</summary>
    public const string PeopleStatus = "people.status";
    /// <summary>Files by month of registration, sex (Key1) and disability (Key2: 0 not asked, 1 yes, 2 no).</summary>
    public const string PeopleSex = "people.sex";
    /// <summary>Files by month of registration and vulnerability (Key1: the flag; -1 disability).</summary>
    public const string PeopleVulnerability = "people.vuln";
    /// <summary>Needs by month opened, kind (Key1) and status today (Key2).</summary>
    public const string NeedsOpened = "needs.opened";
    /// <summary>Enrolments that ran during a period (one row per period of each kind), by trade (Key1) and status today (Key2).</summary>
    public const string EnrolmentsRan = "enr.ran";
    /// <summary>Enrolments by status today (Key1), period 0.</summary>
    public const string EnrolmentsNow = "enr.now";
    public const string Started = "enr.started";
    public const string Completed = "enr.completed";
    public const string Certified = "enr.certified";
    /// <summary>Dropouts by month and reason (Key1; -1 none given).</summary>
    public const string Dropped = "enr.dropped";
    /// <summary>Follow-ups falling due by month and outcome (Key1; -1 not recorded).</summary>
    public const string Outcomes = "enr.outcome";
    /// <summary>Enrolments that ran during a period, per centre (the region's centres to drill down to), Key1 and Key2 0.</summary>
    public const string EnrolmentsRanByCentre = "enr.ran.centre";
    /// <summary>Attendance days by month: Value expected, Value2 present.</summary>
    public const string Attendance = "att";

    public const int NoKey = -1;
    public static int Month(DateOnly d) => (d.Year * 12) + d.Month;
    public static int Month(DateTimeOffset d) => (d.UtcDateTime.Year * 12) + d.UtcDateTime.Month;
}

/// <summary>
/// Rebuilds the dashboard summary rows from the records, region by region, in one write
/// transaction (readers keep the previous figures until it commits), under the "figures" lease
/// so that one app instance at a time does it. The caller enters the system scope.
/// </summary>
public sealed class FiguresRefresher(AppDbContext db, JobLeases leases, TimeProvider clock, FiguresTrigger gate, IEnumerable<IFiguresSnapshot> snapshots, IEnumerable<IPeriodicRefresh> others)
{
    public const string LeaseName = "figures";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>Rebuilds the figures if this instance takes the lease; null when another instance is doing it.</summary>
    public async Task<DashboardFigureRefresh?> RefreshAsync(CancellationToken ct)
    {
        // The lease keeps other instances out; the gate, other callers in this one (the lease is per instance).
        if (!gate.TryEnter())
        {
            return null;
        }
        try
        {
            return await leases.RunExclusiveAsync(LeaseName, LeaseDuration, async c =>
            {
                var refresh = await RefreshHoldingLeaseAsync(c);
                // Other features' periodic work, on the same schedule and lease (IPeriodicRefresh).
                foreach (var other in others)
                {
                    await other.RunAsync(c);
                }
                return refresh;
            }, ct);
        }
        finally
        {
            gate.Exit();
        }
    }

    private sealed class Sums
    {
        private readonly Dictionary<(string, int, int, int, int, int, int), (long, long)> rows = [];
        public int Count => rows.Count;

        public void Add(string measure, int region, int centre, int period, int months, int key1, int key2, long value = 1, long value2 = 0)
        {
            var k = (measure, region, centre, period, months, key1, key2);
            var (a, b) = rows.GetValueOrDefault(k);
            rows[k] = (a + value, b + value2);
        }

        public IEnumerable<DashboardFigure> Rows() => rows.Select(r => new DashboardFigure
        {
            Measure = r.Key.Item1, RegionId = r.Key.Item2, TrainingCentreId = r.Key.Item3, Period = r.Key.Item4, PeriodMonths = r.Key.Item5,
            Key1 = r.Key.Item6, Key2 = r.Key.Item7, Value = r.Value.Item1, Value2 = r.Value.Item2,
        });
    }

    private async Task<DashboardFigureRefresh> RefreshHoldingLeaseAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var sums = new Sums();
        var today = clock.Today();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // People: one pass over the files (a few columns), added up by month of registration.
        var vulnerabilities = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None).ToArray();
        await foreach (var m in db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null)
            .Select(m => new { m.RegionId, m.CreatedAt, m.AdministrativeStatus, m.Sex, m.HasDisability, m.Vulnerabilities }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var month = Measures.Month(m.CreatedAt);
            sums.Add(Measures.PeopleStatus, m.RegionId, 0, month, 1, (int)m.AdministrativeStatus, 0);
            sums.Add(Measures.PeopleSex, m.RegionId, 0, month, 1, (int)m.Sex, m.HasDisability switch { null => 0, true => 1, false => 2 });
            foreach (var v in vulnerabilities)
            {
                if ((m.Vulnerabilities & v) != 0) sums.Add(Measures.PeopleVulnerability, m.RegionId, 0, month, 1, (int)v, 0);
            }
            if (m.HasDisability == true) sums.Add(Measures.PeopleVulnerability, m.RegionId, 0, month, 1, Measures.NoKey, 0);
        }

        // Needs: grouped in SQL by region, day opened, kind and status.
        var needs = await db.Needs.AsNoTracking().GroupBy(n => new { n.RegionId, n.OpenedOn, n.Kind, n.Status })
            .Select(g => new { g.Key.RegionId, g.Key.OpenedOn, g.Key.Kind, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        foreach (var n in needs)
        {
            sums.Add(Measures.NeedsOpened, n.RegionId, 0, Measures.Month(n.OpenedOn), 1, (int)n.Kind, (int)n.Status, n.Count);
        }

        // Enrolments: the region's figures (a centre's own dashboard is counted live: it is small).
        var horizon = Measures.Month(today) + 12;
        await foreach (var e in db.Enrolments.AsNoTracking()
            .Select(e => new { e.RegionId, e.TrainingCentreId, e.TradeId, e.Status, e.StartDate, e.ActivatedOn, e.CompletedOn, e.CertifiedOn, e.DroppedOutOn, e.DropoutReason, e.FollowUpDueOn, e.Outcome })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            var r = e.RegionId;
            sums.Add(Measures.EnrolmentsNow, r, 0, 0, 1, (int)e.Status, 0);
            if (e.ActivatedOn is { } a) sums.Add(Measures.Started, r, 0, Measures.Month(a), 1, 0, 0);
            if (e.CompletedOn is { } c) sums.Add(Measures.Completed, r, 0, Measures.Month(c), 1, 0, 0);
            if (e.CertifiedOn is { } cert) sums.Add(Measures.Certified, r, 0, Measures.Month(cert), 1, 0, 0);
            if (e.DroppedOutOn is { } d) sums.Add(Measures.Dropped, r, 0, Measures.Month(d), 1, e.DropoutReason is { } reason ? (int)reason : Measures.NoKey, 0);
            if (e.FollowUpDueOn is { } due) sums.Add(Measures.Outcomes, r, 0, Measures.Month(due), 1, e.Outcome is { } o ? (int)o : Measures.NoKey, 0);

            // Ran during a period: started by its end, not ended (dropped out or completed) before its start.
            var end = (e.DroppedOutOn, e.CompletedOn) switch
            {
                ({ } x, { } y) => x < y ? x : y,
                ({ } x, null) => x,
                (null, { } y) => y,
                _ => (DateOnly?)null,
            };
            var first = Measures.Month(e.StartDate);
            var last = end is { } z ? Measures.Month(z) : Math.Max(horizon, first);
            foreach (var kind in Enum.GetValues<PeriodKind>())
            {
                for (var p = DashboardPeriod.Containing(kind, e.StartDate); p.FromMonthIndex <= last; p = DashboardPeriod.Containing(kind, p.To.AddDays(1)))
                {
                    if (p.ToMonthIndex >= first)
                    {
                        sums.Add(Measures.EnrolmentsRan, r, 0, p.FromMonthIndex, p.ToMonthIndex - p.FromMonthIndex + 1, e.TradeId, (int)e.Status);
                        sums.Add(Measures.EnrolmentsRanByCentre, r, e.TrainingCentreId, p.FromMonthIndex, p.ToMonthIndex - p.FromMonthIndex + 1, 0, 0);
                    }
                }
            }
        }

        // Attendance: grouped in SQL by region and month.
        var attendance = await db.MonthlyAttendance.AsNoTracking().GroupBy(x => new { x.RegionId, x.Year, x.Month })
            .Select(g => new { g.Key.RegionId, g.Key.Year, g.Key.Month, Expected = g.Sum(x => (long)(x.CentreDaysExpected + x.HostDaysExpected)), Present = g.Sum(x => (long)(x.CentreDaysPresent + x.HostDaysPresent)) })
            .ToListAsync(ct);
        foreach (var x in attendance)
        {
            sums.Add(Measures.Attendance, x.RegionId, 0, (x.Year * 12) + x.Month, 1, 0, 0, x.Expected, x.Present);
        }

        // The features' own snapshots (convention indicators...): computed now, swapped with the figures below.
        foreach (var snapshot in snapshots)
        {
            await snapshot.ComputeAsync(ct);
        }

        // Replace all rows at once: readers see the old figures or the new ones, never half.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.DashboardFigures.ExecuteDeleteAsync(ct);
        foreach (var chunk in sums.Rows().Chunk(5_000))
        {
            db.DashboardFigures.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var snapshot in snapshots)
        {
            await snapshot.ReplaceAsync(ct);
            db.ChangeTracker.Clear();
        }
        var refresh = await db.DashboardFigureRefreshes.SingleOrDefaultAsync(x => x.Id == 1, ct);
        if (refresh is null)
        {
            refresh = new DashboardFigureRefresh { Id = 1 };
            db.DashboardFigureRefreshes.Add(refresh);
        }
        refresh.RefreshedAt = clock.GetUtcNow();
        refresh.DurationMs = watch.ElapsedMilliseconds;
        refresh.Rows = sums.Count;
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return refresh;
    }
}

/// <summary>Asks the background refresher to run now (the administrator's button).</summary>
public sealed class FiguresTrigger : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly SemaphoreSlim running = new(1, 1);

    public void Dispose()
    {
        signal.Dispose();
        running.Dispose();
    }

    /// <summary>One refresh at a time in this app instance.</summary>
    public bool TryEnter() => running.Wait(0);

    public void Exit() => running.Release();

    /// <summary>Completes when the background job next finishes a run (whether it refreshed or found another instance doing it).</summary>
    public Task NextRun => Volatile.Read(ref done).Task;

    public void RunFinished() =>
        Interlocked.Exchange(ref done, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void RequestNow()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { /* already requested */ }
        }
    }

    /// <summary>Waits for a request or the timeout; true when asked.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, timer.Token);
        var wait = signal.WaitAsync(timer.Token);
        var first = await Task.WhenAny(delay, wait);
        await timer.CancelAsync();
        await Task.WhenAll(delay, wait).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        ct.ThrowIfCancellationRequested();
        return first == wait && wait.IsCompletedSuccessfully;
    }
}

/// <summary>Reads the summary rows: region-level figures, under the viewer's row scope (the rows are scoped like the records).</summary>
public sealed class DashboardFigures(AppDbContext db, FiguresTrigger trigger)
{
    /// <summary>
    /// When the figures were last rebuilt. Before the first refresh, asks for one and waits a
    /// few seconds (a small registry is counted in well under a second); null if still not ready.
    /// </summary>
    public async Task<DashboardFigureRefresh?> AsOfAsync(CancellationToken ct)
    {
        if (await LastRefreshAsync(ct) is { } last)
        {
            return last;
        }
        var next = trigger.NextRun;
        trigger.RequestNow();
        try
        {
            await next.WaitAsync(TimeSpan.FromSeconds(3), ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
        return await LastRefreshAsync(ct);
    }

    private Task<DashboardFigureRefresh?> LastRefreshAsync(CancellationToken ct) =>
        db.DashboardFigureRefreshes.AsNoTracking().SingleOrDefaultAsync(x => x.Id == 1, ct);

    /// <summary>The region-level rows of one measure, for one region or all the viewer may see.</summary>
    public IQueryable<DashboardFigure> Of(string measure, int? regionId)
    {
        var rows = db.DashboardFigures.AsNoTracking().Where(x => x.Measure == measure && x.TrainingCentreId == 0);
        return regionId is { } r ? rows.Where(x => x.RegionId == r) : rows;
    }

    /// <summary>Totals by Key1 over monthly rows from one month to another (inclusive).</summary>
    public async Task<Dictionary<int, long>> ByKeyAsync(string measure, int? regionId, int fromMonth, int toMonth, CancellationToken ct) =>
        (await Of(measure, regionId).Where(x => x.PeriodMonths == 1 && x.Period >= fromMonth && x.Period <= toMonth)
            .GroupBy(x => x.Key1).Select(g => new { g.Key, Sum = g.Sum(x => x.Value) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Sum);

    /// <summary>Totals by month over monthly rows.</summary>
    public async Task<Dictionary<int, long>> ByMonthAsync(string measure, int? regionId, int fromMonth, int toMonth, CancellationToken ct) =>
        (await Of(measure, regionId).Where(x => x.PeriodMonths == 1 && x.Period >= fromMonth && x.Period <= toMonth)
            .GroupBy(x => x.Period).Select(g => new { g.Key, Sum = g.Sum(x => x.Value) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Sum);

    /// <summary>Totals of several measures at once, by measure and region, over monthly rows (one query).</summary>
    public async Task<Dictionary<(string Measure, int Region), long>> ByMeasureAndRegionAsync(IReadOnlyCollection<string> measures, int? regionId, int fromMonth, int toMonth, CancellationToken ct)
    {
        var rows = db.DashboardFigures.AsNoTracking().Where(x => measures.Contains(x.Measure) && x.TrainingCentreId == 0 && x.PeriodMonths == 1 && x.Period >= fromMonth && x.Period <= toMonth);
        if (regionId is { } r)
        {
            rows = rows.Where(x => x.RegionId == r);
        }
        return (await rows.GroupBy(x => new { x.Measure, x.RegionId }).Select(g => new { g.Key.Measure, g.Key.RegionId, Sum = g.Sum(x => x.Value) }).ToListAsync(ct))
            .ToDictionary(x => (x.Measure, x.RegionId), x => x.Sum);
    }

    /// <summary>Totals by region over monthly rows.</summary>
    public async Task<Dictionary<int, long>> ByRegionAsync(string measure, int fromMonth, int toMonth, CancellationToken ct) =>
        (await Of(measure, null).Where(x => x.PeriodMonths == 1 && x.Period >= fromMonth && x.Period <= toMonth)
            .GroupBy(x => x.RegionId).Select(g => new { g.Key, Sum = g.Sum(x => x.Value) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Sum);

    /// <summary>Totals by (Key1, Key2) over monthly rows.</summary>
    public async Task<Dictionary<(int, int), long>> ByKeysAsync(string measure, int? regionId, int fromMonth, int toMonth, CancellationToken ct) =>
        (await Of(measure, regionId).Where(x => x.PeriodMonths == 1 && x.Period >= fromMonth && x.Period <= toMonth)
            .GroupBy(x => new { x.Key1, x.Key2 }).Select(g => new { g.Key.Key1, g.Key.Key2, Sum = g.Sum(x => x.Value) }).ToListAsync(ct))
            .ToDictionary(x => (x.Key1, x.Key2), x => x.Sum);

    /// <summary>Enrolments that ran during the period, by (trade, status).</summary>
    public async Task<Dictionary<(int, int), long>> RanAsync(int? regionId, DashboardPeriod p, CancellationToken ct)
    {
        var (start, months) = (p.FromMonthIndex, p.ToMonthIndex - p.FromMonthIndex + 1);
        return (await Of(Measures.EnrolmentsRan, regionId).Where(x => x.Period == start && x.PeriodMonths == months)
            .GroupBy(x => new { x.Key1, x.Key2 }).Select(g => new { g.Key.Key1, g.Key.Key2, Sum = g.Sum(x => x.Value) }).ToListAsync(ct))
            .ToDictionary(x => (x.Key1, x.Key2), x => x.Sum);
    }

    /// <summary>The region's centres with the most enrolments that ran during the period.</summary>
    public async Task<List<(int CentreId, long Count)>> TopCentresAsync(int regionId, DashboardPeriod p, int take, CancellationToken ct)
    {
        var (start, months) = (p.FromMonthIndex, p.ToMonthIndex - p.FromMonthIndex + 1);
        return (await db.DashboardFigures.AsNoTracking()
            .Where(x => x.Measure == Measures.EnrolmentsRanByCentre && x.Period == start && x.PeriodMonths == months && x.RegionId == regionId)
            .OrderByDescending(x => x.Value).ThenBy(x => x.TrainingCentreId).Take(take).Select(x => new { x.TrainingCentreId, x.Value }).ToListAsync(ct))
            .Select(x => (x.TrainingCentreId, x.Value)).ToList();
    }

    /// <summary>Attendance days (expected, present) by month.</summary>
    public async Task<Dictionary<int, (long Expected, long Present)>> AttendanceAsync(int? regionId, int fromMonth, int toMonth, CancellationToken ct) =>
        (await Of(Measures.Attendance, regionId).Where(x => x.Period >= fromMonth && x.Period <= toMonth)
            .GroupBy(x => x.Period).Select(g => new { g.Key, Expected = g.Sum(x => x.Value), Present = g.Sum(x => x.Value2) }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (x.Expected, x.Present));
}
