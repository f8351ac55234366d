using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Jobs;

/// <summary>This app instance, as a lease holder: machine, process and a random part (two hosts in one process differ).</summary>
public sealed class JobInstance
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var id && id.Length > JobLease.HolderMaxLength
        ? id[^JobLease.HolderMaxLength..] : id;
}

/// <summary>
/// Leases in the database, so that one app instance at a time runs a job. Each step is one
/// conditional UPDATE, atomic in SQLite and SQL Server alike: the instance whose UPDATE
/// matched the row holds the lease; the others matched nothing.
/// </summary>
public sealed class JobLeases(AppDbContext db, JobInstance instance, TimeProvider clock)
{
    public string Holder => instance.Id;

    /// <summary>Takes the lease if it is free, expired, or already ours (then it is renewed).</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        await EnsureRowAsync(name, ct);
        var now = clock.GetUtcNow();
        var until = now + duration;
        var me = instance.Id;
        return await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.Holder == me || l.Holder == "" || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Extends a lease this instance holds; false when it lost it (expired and taken by another).</summary>
    public async Task<bool> RenewAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + duration;
        var me = instance.Id;
        return await db.Set<JobLease>()
            .Where(l => l.Name == name && l.Holder == me && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Gives the lease back so another instance may run the job at once.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        var me = instance.Id;
        await db.Set<JobLease>()
            .Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "").SetProperty(l => l.ExpiresAt, DateTimeOffset.MinValue), ct);
    }

    public Task<JobLease?> CurrentAsync(string name, CancellationToken ct) =>
        db.Set<JobLease>().AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, ct);

    private async Task EnsureRowAsync(string name, CancellationToken ct)
    {
        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, ct))
        {
            return;
        }
        db.Set<JobLease>().Add(new JobLease { Name = name, Holder = "", ExpiresAt = DateTimeOffset.MinValue });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it at the same moment: the row is there, which is all we need.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> only if this instance takes the lease, renewing it while the
    /// work runs and releasing it afterwards; null when another instance holds it.
    /// </summary>
    public async Task<T?> RunExclusiveAsync<T>(string name, TimeSpan duration, Func<CancellationToken, Task<T>> work, CancellationToken ct)
        where T : class
    {
        if (!await TryAcquireAsync(name, duration, ct))
        {
            return null;
        }
        try
        {
            return await work(ct);
        }
        finally
        {
            await ReleaseAsync(name, CancellationToken.None);
        }
    }
}
