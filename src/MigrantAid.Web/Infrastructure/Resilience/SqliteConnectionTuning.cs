using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MigrantAid.Web.Infrastructure.Resilience;

/// <summary>
/// SQLite under many staff at once: write-ahead logging (readers never wait for a writer, a
/// writer never waits for readers) and a busy timeout (a writer waits its turn for up to a few
/// seconds instead of failing with "database is locked"). WAL is a property of the file, set
/// once per app on its first connection (a restored or copied file may come in rollback mode);
/// the other settings belong to each connection, and are set once per physical connection:
/// connections are pooled (Microsoft.Data.Sqlite's default) and EF opens one for every query,
/// so setting them on every open cost a round trip per query.
/// </summary>
public sealed class SqliteConnectionTuning(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public const int DefaultBusyTimeoutMilliseconds = 10_000;

    private volatile bool walSet;

    // The physical connections (SQLite handles) already tuned; a handle the pool closes is collected with its entry.
    private readonly ConditionalWeakTable<object, object> tuned = new();

    /// <summary>True the first time this physical connection is seen.</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || tuned.TryAdd(handle, handle);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        if (FirstOpen(connection))
        {
            command.CommandText = Settings;
            command.ExecuteNonQuery();
        }
        if (!walSet && Writable(connection))
        {
            // Refused (left as is) while another connection is in a transaction: tried again on the next open.
            command.CommandText = "PRAGMA journal_mode = WAL";
            walSet = command.ExecuteScalar() as string == "wal";
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        if (FirstOpen(connection))
        {
            command.CommandText = Settings;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!walSet && Writable(connection))
        {
            command.CommandText = "PRAGMA journal_mode = WAL";
            walSet = await command.ExecuteScalarAsync(cancellationToken) as string == "wal";
        }
    }

    /// <summary>EF checks that the file exists on a read-only connection: the journal mode is set on a writable one.</summary>
    private static bool Writable(DbConnection connection) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).Mode
            is Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite or Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate;

    // synchronous = NORMAL, the setting SQLite recommends with WAL: a commit appends to the log
    // without waiting for the disk; the log is synced before each checkpoint copies it into the
    // file. A crash of the app loses nothing committed (the log is in the OS's hands), and no
    // crash, not even a power cut, corrupts the file (WAL frames are checksummed: a torn tail is
    // ignored at recovery); only a power cut or an OS crash may lose the last commits since the
    // last sync. With FULL (the default) every write — a registration, a batch of audit entries —
    // waited for an fsync while holding the one write lock.
    // cache_size: each connection's own page cache (the default, 2 MiB, holds little of the
    // indexes at a million files). mmap_size: reads of the file go through memory mapped from the
    // OS's cache, shared by every connection, instead of a read call and a copy per page.
    // journal_size_limit: once a checkpoint let the log start again from its beginning, its file
    // is cut back to this size (a burst of writes does not leave a large log file behind).
    private string Settings => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA mmap_size = {MmapBytes}; PRAGMA journal_size_limit = {JournalSizeLimitBytes}");

    public const int CacheKibibytes = 16 * 1024;
    public const long MmapBytes = 1L << 30;
    public const long JournalSizeLimitBytes = 64L << 20;
}
