using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Privacy;
using MigrantAid.Web.Features.Retention;
using MigrantAid.Web.Infrastructure.Auth;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>The privacy feature's anonymiser stands in here as a recorder: retention decides whom, the anonymiser how.</summary>
public sealed class RecordingAnonymiser : IPersonAnonymiser
{
    public ConcurrentQueue<(int Id, string Reason)> Calls { get; } = new();

    public Task AnonymiseAsync(int migrantId, string reason, CancellationToken ct)
    {
        Calls.Enqueue((migrantId, reason));
        return Task.CompletedTask;
    }
}

public sealed class RetentionTests(RetentionTests.RetentionApp app) : IClassFixture<RetentionTests.RetentionApp>
{
    public sealed class RetentionApp : AppFactory
    {
        public RecordingAnonymiser Anonymiser { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPersonAnonymiser>(Anonymiser));
        }
    }

    private sealed record Dataset(int OldFile, int OpenFile, int RecentFile, int OldNote, int RecentNote, int Distribution, int Activity, string OldUpload, string NewUpload);

    /// <summary>
    /// A known dataset on 2026-11-16 (the test clock): with the default periods, exactly one
    /// record of each kind is past its period and one beside it is not.
    /// </summary>
    private async Task<Dataset> ArrangeAsync()
    {
        var longAgo = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var oldFile = await app.AddMigrantAsync("RSK", UniqueName("Clos"), "Awa", birthYear: 1990);
        var openFile = await app.AddMigrantAsync("RSK", UniqueName("Ouvert"), "Ali", birthYear: 1990, configure: m => m.Sex = Sex.Male);
        var recentFile = await app.AddMigrantAsync("RSK", UniqueName("Recent"), "Omar", birthYear: 2010, configure: m => m.Sex = Sex.Male);
        return await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            await db.Migrants.Where(m => m.Id == oldFile || m.Id == openFile).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, longAgo));
            db.Needs.Add(new Need { MigrantId = openFile, RegionId = rsk, Kind = NeedKind.Housing, Status = NeedStatus.Open, OpenedOn = new DateOnly(2019, 5, 1) });
            var oldNote = new CaseNote { MigrantId = recentFile, RegionId = rsk, Kind = CaseNoteKind.Interview, Date = new DateOnly(2015, 1, 1), Text = "Ancienne note" };
            var recentNote = new CaseNote { MigrantId = recentFile, RegionId = rsk, Kind = CaseNoteKind.Interview, Date = new DateOnly(2026, 1, 1), Text = "Note récente" };
            db.CaseNotes.AddRange(oldNote, recentNote);
            var site = new AidSite { Name = UniqueName("Site"), City = "Rabat", RegionId = rsk };
            var distribution = new AidDistribution
            {
                Date = new DateOnly(2015, 5, 1), Site = site, RegionId = rsk, Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 10, ActualQuantity = 10,
                PlannedRecipients = 10, DistributedBy = "x", UnregisteredMen = 3,
            };
            // A woman born in 1990 (adult) and a boy born in 2010 (5 years old then).
            distribution.Recipients.Add(new AidRecipient { MigrantId = oldFile, RegionId = rsk });
            distribution.Recipients.Add(new AidRecipient { MigrantId = recentFile, RegionId = rsk });
            db.AidDistributions.Add(distribution);
            var activity = new IncomeActivity { Name = "Atelier", Sector = ActivitySector.Commerce, City = "Rabat", RegionId = rsk, BusinessPlan = "Plan", ExpectedMonthlyRevenue = 1000m, GrantRequested = 9000m };
            activity.Propose(new DateOnly(2014, 1, 1));
            activity.Approve(9000m, 70, null, new DateOnly(2014, 2, 1));
            activity.AddTranche(4000m, new DateOnly(2014, 3, 1), "premier versement", "REC-2014-9");
            activity.BudgetLines.Add(new ActivityBudgetLine { RegionId = rsk, Label = "Machine", Amount = 4000m });
            activity.Fail("Marché perdu", new DateOnly(2015, 1, 1));
            db.IncomeActivities.Add(activity);
            var admin = await db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync();
            db.UserSessions.Add(new UserSession { Id = "old-" + Guid.NewGuid().ToString("N"), UserId = admin, CreatedAt = longAgo, LastSeenAt = longAgo, ExpiresAt = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero) });
            db.AuditEntries.AddRange(
                new AuditEntry { At = longAgo, EntityType = "Migrant", EntityKey = "1", Action = AuditAction.Viewed },
                new AuditEntry { At = longAgo.AddDays(1), EntityType = "Migrant", EntityKey = "1", Action = AuditAction.Viewed });
            await db.SaveChangesAsync();

            var uploads = Path.Combine(app.DataFolder, "imports");
            Directory.CreateDirectory(uploads);
            var oldUpload = Path.Combine(uploads, "old.csv");
            var newUpload = Path.Combine(uploads, "new.csv");
            await File.WriteAllTextAsync(oldUpload, "a;b");
            await File.WriteAllTextAsync(newUpload, "a;b");
            File.SetLastWriteTimeUtc(oldUpload, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc));
            File.SetLastWriteTimeUtc(newUpload, new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc));
            return new Dataset(oldFile, openFile, recentFile, oldNote.Id, recentNote.Id, distribution.Id, activity.Id, oldUpload, newUpload);
        });
    }

    private async Task<RetentionRun> RunAsync(bool dryRun)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
        var run = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(dryRun, "command line", default);
        Assert.NotNull(run);
        Assert.Null(run.Error);
        return run;
    }

    private static Dictionary<string, int> Counts(RetentionRun run) => RetentionJob.Lines(run).ToDictionary(l => l.Kind, l => l.Count);

    [Fact]
    public async Task A_dry_run_reports_what_expired_and_changes_nothing_then_a_real_run_does_it_and_an_administrator_reads_both_reports()
    {
        // The demo story's people are in the database too: what expired before this test arranged anything.
        var baseline = Counts(await RunAsync(dryRun: true));
        var d = await ArrangeAsync();
        var arranged = new Dictionary<string, int>
        {
            [RetentionJob.Kinds.ClosedCaseFiles] = 1, [RetentionJob.Kinds.CaseNotes] = 1, [RetentionJob.Kinds.AidDistributions] = 1,
            [RetentionJob.Kinds.ActivityFinances] = 1, [RetentionJob.Kinds.AuditEntries] = 2, [RetentionJob.Kinds.Sessions] = 1, [RetentionJob.Kinds.ImportUploads] = 1,
        };
        var expected = arranged.ToDictionary(a => a.Key, a => a.Value + baseline[a.Key]);

        var dry = await RunAsync(dryRun: true);
        Assert.True(dry.DryRun);
        Assert.Equal(expected, Counts(dry));
        Assert.Empty(app.Anonymiser.Calls);
        await app.WithDbAsync(async db =>
        {
            Assert.True(await db.CaseNotes.AnyAsync(n => n.Id == d.OldNote));
            Assert.Equal(2, await db.AidRecipients.CountAsync(r => r.AidDistributionId == d.Distribution));
            Assert.Equal(1, await db.Set<ActivityBudgetLine>().CountAsync(l => l.IncomeActivityId == d.Activity));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.At < new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.True(await db.UserSessions.AnyAsync(s => s.Id.StartsWith("old-")));
        });
        Assert.True(File.Exists(d.OldUpload));

        var real = await RunAsync(dryRun: false);
        Assert.False(real.DryRun);
        Assert.Equal(expected, Counts(real));
        // Only the file closed for five years is handed to the anonymiser; the one with an open need and the recent one are not.
        var anonymised = app.Anonymiser.Calls.Select(c => c.Id).ToList();
        Assert.Contains(d.OldFile, anonymised);
        Assert.DoesNotContain(d.OpenFile, anonymised);
        Assert.DoesNotContain(d.RecentFile, anonymised);
        Assert.Equal(expected[RetentionJob.Kinds.ClosedCaseFiles], anonymised.Count);
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.CaseNotes.AnyAsync(n => n.Id == d.OldNote));
            Assert.True(await db.CaseNotes.AnyAsync(n => n.Id == d.RecentNote));
            // The distribution keeps its figures: the named woman and boy became head-counts.
            var distribution = await db.AidDistributions.Include(x => x.Recipients).SingleAsync(x => x.Id == d.Distribution);
            Assert.Empty(distribution.Recipients);
            Assert.Equal((1, 1, 3, 0), (distribution.UnregisteredWomen, distribution.UnregisteredBoys, distribution.UnregisteredMen, distribution.UnregisteredGirls));
            Assert.Equal(0, await db.Set<ActivityBudgetLine>().CountAsync(l => l.IncomeActivityId == d.Activity));
            var tranche = await db.ActivityTranches.SingleAsync(t => t.IncomeActivityId == d.Activity);
            Assert.Equal(("", null, 4000m), (tranche.ReceiptReference, tranche.Condition, tranche.Amount));
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.At < new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.False(await db.UserSessions.AnyAsync(s => s.Id.StartsWith("old-")));
            Assert.Equal(3, await db.RetentionRuns.CountAsync());
        });
        Assert.False(File.Exists(d.OldUpload));
        Assert.True(File.Exists(d.NewUpload));

        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var page = await admin.GetTextAsync("/Retention?culture=fr");
        Assert.Contains("Conservation des données", page, StringComparison.Ordinal);
        Assert.Contains("simulation (rien n'a été modifié)", page, StringComparison.Ordinal);
        Assert.Contains("exécution réelle", page, StringComparison.Ordinal);
        Assert.Contains("Notes de suivi", page, StringComparison.Ordinal);
        Assert.Contains("10 ans", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Retention\"", await admin.GetTextAsync("/"), StringComparison.Ordinal);

        // Staff who are not administrators do not reach it.
        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.NotEqual(HttpStatusCode.OK, (await social.GetAsync("/Retention")).StatusCode);
    }

    [Fact]
    public void The_daily_run_is_scheduled_at_the_configured_hour()
    {
        var at = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(16), RetentionScheduler.UntilNextRun(at, 1));
        Assert.Equal(TimeSpan.FromHours(1), RetentionScheduler.UntilNextRun(at, 10));
    }
}
