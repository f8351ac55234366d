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
    public async Task A_small_registry_keeps_the_default_plans_and_a_grown_one_gets_statistics_that_a_refresh_keeps_current()
    {
        // Start-up on a registry far below the threshold: no statistics (they would make scans look free).
        Assert.Equal(-1, await app.WithDbAsync(db => StatisticsRowsAsync(db, "Migrants")));

        await app.WithDbAsync(async db =>
        {
            // Past the threshold (1 file here): the first refresh analyses every table.
            await PlannerStatistics.RefreshAsync(db, minimumFiles: 1);
            Assert.True(await StatisticsRowsAsync(db, "Countries") > 0, "Countries not analysed");

            // A table that grew from nothing gets its statistics at the next refresh.
            for (var i = 0; i < 2000; i++)
            {
                db.AuditEntries.Add(new MigrantAid.Web.Domain.AuditEntry { At = app.Clock.GetUtcNow(), EntityType = "PlannerTest", EntityKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1 WHERE tbl = 'AuditEntries'");
            await PlannerStatistics.RefreshAsync(db, minimumFiles: 1);
            Assert.True(await StatisticsRowsAsync(db, "AuditEntries") > 0, "AuditEntries not analysed by the refresh");
        });
    }
}
