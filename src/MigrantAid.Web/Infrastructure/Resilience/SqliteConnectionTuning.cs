using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MigrantAid.Web.Infrastructure.Resilience;

/// <summary>
/// SQLite under many staff at once: write-ahead logging (readers never wait for a writer, a
/// writer never waits for readers) and a busy timeout (a writer waits its turn for up to a few
/// seconds instead of failing with "database is locked"). WAL is a property of the file, set
/// once per app on its first connection (a restored or copied file may come in rollback mode);
/// the busy timeout belongs to each connection.
/// </summary>
public sealed class SqliteConnectionTuning(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public const int DefaultBusyTimeoutMilliseconds = 10_000;

    private volatile bool walSet;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BusyTimeout;
        command.ExecuteNonQuery();
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
        command.CommandText = BusyTimeout;
        await command.ExecuteNonQueryAsync(cancellationToken);
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
    // without waiting for the disk (the log is synced at each checkpoint). A crash of the app or
    // of the OS loses nothing committed and never corrupts the file; only a power cut may lose the
    // last commits. With FULL (the default) every write — a registration, each case-file opening
    // audited — waited for an fsync while holding the write lock, which serialised them all.
    // Both settings belong to the connection: set in the same command, one round trip per open.
    private string BusyTimeout => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL");
}
