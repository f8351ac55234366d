using Microsoft.EntityFrameworkCore;

namespace MigrantAid.Web.Data;

/// <summary>
/// SQLite chooses its plans from statistics that only <c>ANALYZE</c> writes: without them a
/// centre director's file list walked every file in id order probing the centre's enrolments
/// (33 s at a million files) and the registration's duplicate check read every file of a
/// nationality (82 ms; 0.2 ms with statistics). So statistics are taken at start-up after the
/// migrations (sampled: <c>analysis_limit</c> keeps it to well under a second at a million
/// files) and refreshed with <c>PRAGMA optimize</c>, which re-analyses only the tables that
/// changed a lot, every few hours. SQL Server keeps its own statistics (auto-update on).
/// </summary>
public static class PlannerStatistics
{
    /// <summary>Rows read per index by a sampled ANALYZE (SQLite's recommended order of magnitude).</summary>
    public const int AnalysisLimit = 1000;

    /// <summary>
    /// Below this many files the plans do not matter, and statistics of a nearly empty database
    /// would mislead the planner once it fills up (a scan looks free on ten rows): no ANALYZE
    /// until the registry reaches this size, then SQLite's own statistics.
    /// </summary>
    public const int MinimumFiles = 10_000;

    public static async Task RefreshAsync(DbContext db, CancellationToken ct = default) => await RefreshAsync(db, MinimumFiles, ct);

    public static async Task RefreshAsync(DbContext db, int minimumFiles, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return;
        }
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
            var analysed = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
            // The highest file id: O(1), and close enough to the number of files.
            command.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Migrants\"";
            if (!analysed && Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) < minimumFiles)
            {
                return;
            }
            // First start on a database never analysed: every table; later, what changed enough (0x10002: all tables, not only this connection's).
            command.CommandText = $"PRAGMA analysis_limit = {AnalysisLimit}; " + (analysed ? "PRAGMA optimize = 0x10002;" : "ANALYZE;");
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>Refreshes SQLite's planner statistics every few hours while the app runs.</summary>
public sealed class PlannerStatisticsRefresher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PlannerStatisticsRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await PlannerStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                // A busy database: the next tick tries again; plans stay as they are meanwhile.
                logger.LogWarning(e, "Planner statistics refresh failed");
            }
        }
    }
}
