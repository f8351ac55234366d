using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MigrantAid.Web.Infrastructure.Resilience;

/// <summary>
/// Remembers the last time a request failed because of the database (locked past the busy
/// timeout, disk full, file gone or read-only), so that /health/ready turns red and the
/// reverse proxy or the operator sees it, not only the user who met it.
/// </summary>
public sealed class DatabaseFaults(TimeProvider clock)
{
    /// <summary>How long a fault keeps the readiness check red without a new one.</summary>
    public static readonly TimeSpan RedFor = TimeSpan.FromMinutes(1);

    private long lastFaultTicks;
    private string? lastKind;

    public void Record(string kind)
    {
        lastKind = kind;
        Interlocked.Exchange(ref lastFaultTicks, clock.GetUtcNow().UtcTicks);
    }

    public (DateTimeOffset At, string Kind)? Recent()
    {
        var ticks = Interlocked.Read(ref lastFaultTicks);
        if (ticks == 0)
        {
            return null;
        }
        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return clock.GetUtcNow() - at < RedFor ? (at, lastKind ?? "database") : null;
    }

    /// <summary>
    /// The database fault behind an exception, or null when it is not one: SQLite's busy,
    /// locked, full, read-only, I/O, cannot-open and corrupt codes, a transient provider error
    /// (a SQL Server connection or lock timeout). Constraint violations are not faults: they
    /// are the form's business.
    /// </summary>
    public static string? Kind(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite)
            {
                return (sqlite.SqliteErrorCode & 0xFF) switch
                {
                    5 or 6 => "locked",       // SQLITE_BUSY, SQLITE_LOCKED
                    13 => "full",             // SQLITE_FULL
                    8 => "read-only",         // SQLITE_READONLY
                    10 or 14 or 26 or 11 => "unavailable", // SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_CORRUPT
                    _ => null,
                };
            }
            if (e is DbException { IsTransient: true } or TimeoutException)
            {
                return "unavailable";
            }
        }
        return null;
    }
}

/// <summary>Red for a minute after a request met a database fault.</summary>
public sealed class RecentDatabaseFaultsHealthCheck(DatabaseFaults faults) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(faults.Recent() is { } fault
            ? HealthCheckResult.Unhealthy($"a request met a database fault ({fault.Kind}) at {fault.At:O}")
            : HealthCheckResult.Healthy());
}

/// <summary>
/// Whether the database takes a write now: an empty write transaction taken and rolled back
/// (SQLite: BEGIN IMMEDIATE, which needs the write lock and a writable file).
/// </summary>
public sealed class DatabaseWritableHealthCheck(Data.AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (DatabaseFaults.Kind(e) is { } kind)
        {
            return HealthCheckResult.Unhealthy($"the database takes no write ({kind})");
        }
    }
}
