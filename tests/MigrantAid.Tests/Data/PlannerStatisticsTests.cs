using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;

namespace MigrantAid.Tests.Data;

/// <summary>
/// SQLite plans from statistics only ANALYZE writes (issue 13: a director's file list took 33 s
/// at a million files without them): start-up takes them, and a refresh keeps them current.
/// </summary>
public sealed class PlannerStatisticsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<long> StatisticsRowsAsync(AppDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            return -1;
        }
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = '{table}'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_app_starts_with_planner_statistics_and_a_refresh_covers_tables_that_grew()
    {
        // Start-up analysed the database: the statistics table exists.
        Assert.True(await app.WithDbAsync(db => StatisticsRowsAsync(db, "Trades")) >= 0, "no sqlite_stat1 after start-up");

        // A table that grew from nothing gets its statistics at the next refresh.
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 2000; i++)
            {
                db.AuditEntries.Add(new MigrantAid.Web.Domain.AuditEntry { At = app.Clock.GetUtcNow(), EntityType = "PlannerTest", EntityKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1 WHERE tbl = 'AuditEntries'");
            await PlannerStatistics.RefreshAsync(db);
            Assert.True(await StatisticsRowsAsync(db, "AuditEntries") > 0, "AuditEntries not analysed by the refresh");
        });
    }
}
