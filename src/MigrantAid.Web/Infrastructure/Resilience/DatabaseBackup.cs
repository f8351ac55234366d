using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;

namespace MigrantAid.Web.Infrastructure.Resilience;

/// <summary>
/// Online backup and checked restore of the SQLite database, through SQLite's backup API: the
/// copy is a consistent snapshot taken while the app keeps serving (in WAL mode writers go on
/// while it is read). SQL Server uses its own BACKUP DATABASE (see the README).
/// </summary>
public sealed class DatabaseBackup(AppDbContext db, TimeProvider clock)
{
    public sealed record CheckResult(bool Ok, string Message);

    private string ConnectionString =>
        db.Database.IsSqlite() ? db.Database.GetConnectionString()!
            : throw new InvalidOperationException("backup and restore work on SQLite; on SQL Server use BACKUP DATABASE / RESTORE DATABASE (README).");

    /// <summary>Copies the live database into a new file of <paramref name="folder"/> and checks the copy.</summary>
    public async Task<string> BackupAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(Path.GetFullPath(folder),
            "migrantaid-" + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db");
        for (var n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(Path.GetDirectoryName(target)!, Path.GetFileNameWithoutExtension(target).Split('~')[0] + "~" + n.ToString(CultureInfo.InvariantCulture) + ".db");
        }
        await using (var source = new SqliteConnection(ConnectionString))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await OpenAsync(source, ct);
            await OpenAsync(copy, ct);
            source.BackupDatabase(copy);
        }
        var check = await CheckAsync(target, ct);
        if (!check.Ok)
        {
            throw new InvalidOperationException("The backup copy failed its check: " + check.Message);
        }
        return target;
    }

    /// <summary>
    /// Whether <paramref name="file"/> is a sound MigrantAid database this version can open:
    /// SQLite's integrity check passes and every migration of this build is applied, none unknown.
    /// </summary>
    public async Task<CheckResult> CheckAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            return new(false, $"{file}: no such file");
        }
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(ct);
            await using (var integrity = connection.CreateCommand())
            {
                integrity.CommandText = "PRAGMA integrity_check";
                var result = (string?)await integrity.ExecuteScalarAsync(ct);
                if (result != "ok")
                {
                    return new(false, $"integrity check: {result}");
                }
            }
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var history = connection.CreateCommand())
            {
                history.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
                await using var reader = await history.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (known.Except(applied).ToList() is { Count: > 0 } missing)
            {
                return new(false, $"not a MigrantAid database of this version: migration(s) {string.Join(", ", missing)} not applied");
            }
            if (applied.Except(known).ToList() is { Count: > 0 } unknown)
            {
                return new(false, $"made by another version: unknown migration(s) {string.Join(", ", unknown)}");
            }
            return new(true, "ok");
        }
        catch (SqliteException e)
        {
            return new(false, $"not a MigrantAid database: {e.Message}");
        }
    }

    /// <summary>
    /// Replaces the live database's content with the checked file, through the backup API (so
    /// connections of a running app see the restored content, never a half-copied file). The
    /// current content is first saved beside the database, in case the wrong file was chosen.
    /// </summary>
    public async Task<(bool Ok, string Message, string? SafetyCopy)> RestoreAsync(string file, CancellationToken ct)
    {
        var check = await CheckAsync(file, ct);
        if (!check.Ok)
        {
            return (false, check.Message, null);
        }
        var live = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var safety = await BackupAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(live))!, "before-restore"), ct);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(ConnectionString))
        {
            await OpenAsync(source, ct);
            await OpenAsync(target, ct);
            source.BackupDatabase(target);
        }
        return (true, "restored", safety);
    }

    /// <summary>Opens with the app's busy timeout: the copy waits for a writer's turn rather than failing.</summary>
    private static async Task OpenAsync(SqliteConnection connection, CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {SqliteConnectionTuning.DefaultBusyTimeoutMilliseconds}");
        await command.ExecuteNonQueryAsync(ct);
    }
}
