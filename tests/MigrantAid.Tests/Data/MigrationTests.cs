using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using MigrantAid.Web.Data;

namespace MigrantAid.Tests.Data;

public sealed class MigrationTests
{
    private static SqlServerAppDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unused;Database=MigrantAid;TrustServerCertificate=True", DatabaseSetup.SqlServerOptions).Options);

    private static SqliteAppDbContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}", DatabaseSetup.SqliteOptions).Options);

    [Fact]
    public void Neither_provider_has_model_changes_missing_from_its_migrations()
    {
        using var sqlServer = SqlServer();
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server migrations are behind the model: add a migration");
        using var sqlite = Sqlite(Path.Combine(Path.GetTempPath(), $"pending-{Guid.NewGuid():N}.db"));
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations are behind the model: add a migration");
    }

    [Fact]
    public void The_two_migration_sets_are_kept_apart()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite(Path.Combine(Path.GetTempPath(), $"apart-{Guid.NewGuid():N}.db"));
        var serverMigrations = sqlServer.Database.GetMigrations().ToList();
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        Assert.NotEmpty(serverMigrations);
        Assert.NotEmpty(sqliteMigrations);
        Assert.Empty(serverMigrations.Intersect(sqliteMigrations));
    }

    [Fact]
    public void The_SQL_Server_idempotent_script_parses_as_T_SQL()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [TrainingCentres]", script, StringComparison.Ordinal);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        // The script separates batches with GO, which the parser understands.
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public async Task An_empty_SQLite_file_migrates_to_the_latest_version()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = Sqlite(path);
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Regions.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
