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

    private int walChecked;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas();
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Pragmas()
    {
        var timeout = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds};");
        return Interlocked.Exchange(ref walChecked, 1) == 0 ? timeout + " PRAGMA journal_mode = WAL;" : timeout;
    }
}
