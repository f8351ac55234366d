using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Privacy;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Web.Features.Retention;

/// <summary>
/// Applies the retention periods: deletes or anonymises what is older than its period, and
/// stores a report of what it did. A dry run counts the same records and changes nothing.
/// Runs in the system scope (the caller enters it) and under the "retention" lease.
/// </summary>
public sealed class RetentionJob(AppDbContext db, IOptions<RetentionOptions> options, TimeProvider clock,
    JobLeases leases, IConfiguration configuration, IWebHostEnvironment environment, IServiceProvider services)
{
    public const string LeaseName = "retention";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(1);

    public static class Kinds
    {
        public const string ClosedCaseFiles = "ClosedCaseFiles";
        public const string CaseNotes = "CaseNotes";
        public const string AidDistributions = "AidDistributions";
        public const string ActivityFinances = "ActivityFinances";
        public const string AuditEntries = "AuditEntries";
        public const string Sessions = "Sessions";
        public const string ImportUploads = "ImportUploads";
    }

    public static class Actions
    {
        public const string Anonymised = "Anonymised";
        public const string ReportedOnly = "ReportedOnly";
        public const string Deleted = "Deleted";
        public const string Kept = "Kept";
    }

    /// <summary>Runs once if this instance takes the lease; null when another instance is running it.</summary>
    public async Task<RetentionRun?> RunAsync(bool dryRun, string trigger, CancellationToken ct) =>
        await leases.RunExclusiveAsync(LeaseName, LeaseDuration, c => RunHoldingLeaseAsync(dryRun, trigger, c), ct);

    private async Task<RetentionRun> RunHoldingLeaseAsync(bool dryRun, string trigger, CancellationToken ct)
    {
        var run = new RetentionRun { StartedAt = clock.GetUtcNow(), DryRun = dryRun, Trigger = trigger, Holder = leases.Holder };
        var lines = new List<RetentionLine>();
        try
        {
            lines.Add(await ClosedCaseFilesAsync(dryRun, ct));
            lines.Add(await CaseNotesAsync(dryRun, ct));
            lines.Add(await AidDistributionsAsync(dryRun, ct));
            lines.Add(await ActivityFinancesAsync(dryRun, ct));
            lines.Add(await AuditEntriesAsync(dryRun, ct));
            lines.Add(await SessionsAsync(dryRun, ct));
            lines.Add(ImportUploads(dryRun));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Error = e.GetType().Name + ": " + e.Message;
        }
        db.ChangeTracker.Clear();
        run.Report = JsonSerializer.Serialize(lines);
        run.FinishedAt = clock.GetUtcNow();
        db.RetentionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    public static IReadOnlyList<RetentionLine> Lines(RetentionRun run) =>
        JsonSerializer.Deserialize<List<RetentionLine>>(run.Report) ?? [];

    private RetentionOptions O => options.Value;
    private DateTimeOffset Now => clock.GetUtcNow();
    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>
    /// Closed case files: nothing open (need, enrolment in progress) and nothing written since the
    /// cut-off. The last write is compared as two ranges ("updated before" or "never updated and
    /// created before"), not as COALESCE(UpdatedAt, CreatedAt), so SQL Server can seek on either column.
    /// </summary>
    public static IQueryable<int> ClosedCaseFiles(AppDbContext db, DateTimeOffset cutoff, DateOnly cutoffDay)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Migrants.AsNoTracking()
            .Where(m => m.MergedIntoId == null && (m.UpdatedAt < cutoff || (m.UpdatedAt == null && m.CreatedAt < cutoff))
                && !db.Needs.Any(n => n.MigrantId == m.Id && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Referred || n.OpenedOn >= cutoffDay))
                && !db.CaseNotes.Any(n => n.MigrantId == m.Id && n.Date >= cutoffDay)
                && !db.Enrolments.Any(e => e.MigrantId == m.Id && (e.Status == EnrolmentStatus.Applied || e.Status == EnrolmentStatus.Enrolled
                    || e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Suspended)))
            .OrderBy(m => m.Id).Select(m => m.Id);
    }

    private async Task<RetentionLine> ClosedCaseFilesAsync(bool dryRun, CancellationToken ct)
    {
        if (O.ClosedCaseFilesYears <= 0)
        {
            return new(Kinds.ClosedCaseFiles, Actions.Kept, null, 0);
        }
        var cutoff = Now.AddYears(-O.ClosedCaseFilesYears);
        var cutoffDay = Day(cutoff);
        var ids = await ClosedCaseFiles(db, cutoff, cutoffDay).Take(O.MaxFilesPerRun).ToListAsync(ct);
        // Anonymising a person is the privacy feature's work: without it, the files are only reported.
        var anonymiser = services.GetService<IPersonAnonymiser>();
        if (anonymiser is null)
        {
            return new(Kinds.ClosedCaseFiles, Actions.ReportedOnly, cutoffDay, ids.Count);
        }
        if (!dryRun)
        {
            foreach (var id in ids)
            {
                await anonymiser.AnonymiseAsync(id, $"retention: case file closed, no activity since {cutoffDay:yyyy-MM-dd}", ct);
                db.ChangeTracker.Clear();
            }
        }
        return new(Kinds.ClosedCaseFiles, Actions.Anonymised, cutoffDay, ids.Count);
    }

    private async Task<RetentionLine> CaseNotesAsync(bool dryRun, CancellationToken ct)
    {
        if (O.CaseNotesYears <= 0)
        {
            return new(Kinds.CaseNotes, Actions.Kept, null, 0);
        }
        var cutoff = Day(Now.AddYears(-O.CaseNotesYears));
        var old = db.CaseNotes.Where(n => n.Date < cutoff);
        var count = dryRun ? await old.CountAsync(ct) : await old.ExecuteDeleteAsync(ct);
        return new(Kinds.CaseNotes, Actions.Deleted, cutoff, count);
    }

    /// <summary>
    /// An old distribution keeps its figures but not who received it: each registered recipient
    /// joins the head-count of unregistered people by sex and age (adult from 18), then the
    /// recipient rows go, in one transaction per distribution.
    /// </summary>
    private async Task<RetentionLine> AidDistributionsAsync(bool dryRun, CancellationToken ct)
    {
        if (O.AidDistributionsYears <= 0)
        {
            return new(Kinds.AidDistributions, Actions.Kept, null, 0);
        }
        var cutoff = Day(Now.AddYears(-O.AidDistributionsYears));
        var ids = await db.AidDistributions.Where(d => d.Date < cutoff && d.Recipients.Any()).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        if (dryRun)
        {
            return new(Kinds.AidDistributions, Actions.Anonymised, cutoff, ids.Count);
        }
        foreach (var id in ids)
        {
            var d = await db.AidDistributions.Include(x => x.Recipients).ThenInclude(r => r.Migrant).SingleAsync(x => x.Id == id, ct);
            foreach (var r in d.Recipients)
            {
                var adult = r.Migrant?.YearOfBirth is not { } born || d.Date.Year - born >= 18;
                switch (r.Migrant?.Sex, adult)
                {
                    case (Sex.Female, true): d.UnregisteredWomen++; break;
                    case (Sex.Female, false): d.UnregisteredGirls++; break;
                    case (_, true): d.UnregisteredMen++; break;
                    default: d.UnregisteredBoys++; break;
                }
            }
            db.AidRecipients.RemoveRange(d.Recipients);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new(Kinds.AidDistributions, Actions.Anonymised, cutoff, ids.Count);
    }

    private async Task<RetentionLine> ActivityFinancesAsync(bool dryRun, CancellationToken ct)
    {
        if (O.ActivityFinancesYears <= 0)
        {
            return new(Kinds.ActivityFinances, Actions.Kept, null, 0);
        }
        var cutoff = Day(Now.AddYears(-O.ActivityFinancesYears));
        var ended = db.IncomeActivities.Where(a => (a.Status == ActivityStatus.Closed || a.Status == ActivityStatus.Failed || a.Status == ActivityStatus.Rejected)
            && a.StatusDate < cutoff && (a.BudgetLines.Any() || a.Tranches.Any(t => t.ReceiptReference != "")));
        var count = await ended.CountAsync(ct);
        if (!dryRun && count > 0)
        {
            var ids = ended.Select(a => a.Id);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<ActivityBudgetLine>().Where(l => ids.Contains(l.IncomeActivityId)).ExecuteDeleteAsync(ct);
            await db.ActivityTranches.Where(t => ids.Contains(t.IncomeActivityId))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReceiptReference, "").SetProperty(t => t.Condition, (string?)null), ct);
            await transaction.CommitAsync(ct);
        }
        return new(Kinds.ActivityFinances, Actions.Deleted, cutoff, count);
    }

    private async Task<RetentionLine> AuditEntriesAsync(bool dryRun, CancellationToken ct)
    {
        if (O.AuditEntriesYears <= 0)
        {
            return new(Kinds.AuditEntries, Actions.Kept, null, 0);
        }
        var cutoff = Now.AddYears(-O.AuditEntriesYears);
        var old = db.AuditEntries.Where(a => a.At < cutoff);
        var count = dryRun ? await old.CountAsync(ct) : await old.ExecuteDeleteAsync(ct);
        return new(Kinds.AuditEntries, Actions.Deleted, Day(cutoff), count);
    }

    private async Task<RetentionLine> SessionsAsync(bool dryRun, CancellationToken ct)
    {
        if (O.SessionsDays <= 0)
        {
            return new(Kinds.Sessions, Actions.Kept, null, 0);
        }
        var cutoff = Now.AddDays(-O.SessionsDays);
        var old = db.UserSessions.Where(s => s.ExpiresAt < cutoff);
        var count = dryRun ? await old.CountAsync(ct) : await old.ExecuteDeleteAsync(ct);
        return new(Kinds.Sessions, Actions.Deleted, Day(cutoff), count);
    }

    private RetentionLine ImportUploads(bool dryRun)
    {
        if (O.ImportUploadsDays <= 0)
        {
            return new(Kinds.ImportUploads, Actions.Kept, null, 0);
        }
        var cutoff = Now.AddDays(-O.ImportUploadsDays);
        var folder = Path.Combine(DatabaseSetup.DataFolder(configuration, environment), "imports");
        var old = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => File.GetLastWriteTimeUtc(f) < cutoff.UtcDateTime).ToList()
            : [];
        if (!dryRun)
        {
            old.ForEach(File.Delete);
        }
        return new(Kinds.ImportUploads, Actions.Deleted, Day(cutoff), old.Count);
    }
}
