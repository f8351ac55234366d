using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auditing;

/// <summary>
/// Writes the audit entries of events that change no data — a person's file opened — off the
/// request: the page puts the entry (its time, user and record already set, see
/// <see cref="AuditTrail.Event"/>) in a bounded queue and answers; one background writer inserts
/// what has queued in batches, one transaction per batch. Under load a hundred openings cost one
/// commit instead of a hundred (SQLite has one writer at a time: every case-file view used to
/// queue behind it), and each index page of the trail is logged once per batch, not once per entry.
/// <para>
/// Nothing is dropped: a full queue makes the page wait for room; a failed batch is kept and
/// tried again; a normal stop (<see cref="StopAsync"/>) writes everything still queued; an entry
/// that arrives after the stop is written at once. A crash of the process may lose the entries
/// of the last fraction of a second. Audit entries of data changes never come here: they are
/// written in the change's own transaction (<c>AppDbContext.SaveChangesAsync</c>).
/// </para>
/// <para>
/// Readers of the trail that must see every opening made so far by this instance (the audit
/// page, a person's data file, the permission report) call <see cref="FlushAsync"/> first; so do
/// the tests.
/// </para>
/// </summary>
public sealed class AuditEventWriter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AuditEventWriter> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    public const int MaxBatch = 500;

    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    // One drain at a time (the background loop or a flush): entries are written in queue order.
    // Never disposed: a stop may come after the host disposed its services, and it must still write.
    private readonly SemaphoreSlim gate = new(1, 1);

    // Taken from the queue but not yet committed (a failed batch is tried again from here).
    private readonly List<AuditEntry> pending = [];

    /// <summary>How long the writer lets entries gather before a batch (a batch is written at most this late).</summary>
    private TimeSpan Linger => TimeSpan.FromMilliseconds(configuration.GetValue("Audit:EventBatchMilliseconds", 200));

    private long lastCheckpoint = Stopwatch.GetTimestamp();
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(10);

    /// <summary>Queues an entry; waits only when the queue is full. After the stop, writes it at once.</summary>
    public async ValueTask RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await queue.Writer.WriteAsync(entry, ct);
        }
        catch (ChannelClosedException)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                await WriteAsync([entry], CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Writes every entry queued before the call; returns when they are committed.</summary>
    public Task FlushAsync(CancellationToken ct = default) => DrainAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Linger, stoppingToken);
                try
                {
                    await DrainAsync(CancellationToken.None);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database refused the batch (disk full, locked past the busy timeout…): kept, tried again.
                    failures++;
                    logger.LogError(e, "Could not write {Count} audit entries (attempt {Attempt}); trying again", pending.Count, failures);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // From now on an entry is written by its request itself (RecordAsync), not queued.
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        try
        {
            await DrainAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "{Count} audit entries could not be written at shutdown", pending.Count + queue.Reader.Count);
        }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                while (pending.Count < MaxBatch && queue.Reader.TryRead(out var entry))
                {
                    pending.Add(entry);
                }
                if (pending.Count == 0)
                {
                    break;
                }
                await WriteAsync(pending, CancellationToken.None);
                pending.Clear();
            }
            await CheckpointIfDueAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteAsync(IReadOnlyCollection<AuditEntry> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var entry in batch)
        {
            entry.Id = 0; // a batch tried again is inserted anew
        }
        db.AuditEntries.AddRange(batch);
        // One SaveChanges: EF sends the inserts in one transaction.
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// SQLite: readers (every page) are always in flight, so the automatic checkpoint at a commit
    /// may find frames still in use and leave the log growing. The writer tries a passive
    /// checkpoint now and then (it never waits for a reader and blocks no one): the log is copied
    /// back into the file as far as the readers allow, and restarts from its beginning once they moved on.
    /// </summary>
    private async Task CheckpointIfDueAsync()
    {
        if (Stopwatch.GetElapsedTime(lastCheckpoint) < CheckpointEvery)
        {
            return;
        }
        lastCheckpoint = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }
}
