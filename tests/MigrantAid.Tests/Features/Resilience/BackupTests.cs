using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Infrastructure.Resilience;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Resilience;

public sealed class BackupTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<T> WithBackupAsync<T>(AppFactory on, Func<DatabaseBackup, Task<T>> action)
    {
        await using var scope = on.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DatabaseBackup>());
    }

    /// <summary>Every row of every table, in key order: two files with the same digest hold the same data.</summary>
    private static string Digest(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = rows.ExecuteReader();
            text.Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                text.Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public async Task A_backup_taken_while_files_are_being_registered_is_consistent_and_restores_into_an_identical_database()
    {
        var before = await app.WithDbAsync(db => db.Migrants.CountAsync());
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || written < 20)
            {
                await app.AddMigrantAsync("RSK", UniqueName("Sauvegarde"), "Awa");
                written++;
            }
        });
        while (written < 5)
        {
            await Task.Delay(10);
        }
        var folder = Path.Combine(app.DataFolder, "backups");
        var file = await WithBackupAsync(app, b => b.BackupAsync(folder, default));
        await stop.CancelAsync();
        await writer;

        Assert.StartsWith(folder, file, StringComparison.Ordinal);
        Assert.True((await WithBackupAsync(app, b => b.CheckAsync(file, default))).Ok);
        int inBackup;
        await using (var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Migrants";
            inBackup = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        // A snapshot in the middle of the writes: some of them, not all, and every file whole.
        var after = await app.WithDbAsync(db => db.Migrants.CountAsync());
        Assert.InRange(inBackup, before + 5, after);
        Assert.True(after - before >= 20);

        // Restored into another installation (a replacement server), it is the same database.
        using var other = new AppFactory();
        await other.WithDbAsync(db => db.Migrants.CountAsync());
        // Its start-up rebuild of the summary figures (dashboards, convention indicators, risk states)
        // must be over, or it would write its rows into the restored file after the copy.
        await other.RefreshFiguresAsync();
        var (ok, message, safety) = await WithBackupAsync(other, b => b.RestoreAsync(file, default));
        Assert.True(ok, message);
        Assert.True(File.Exists(safety));
        Assert.Equal(inBackup, await other.WithDbAsync(db => db.Migrants.CountAsync()));
        SqliteConnection.ClearAllPools();
        Assert.Equal(Digest(file), Digest(other.DatabasePath));
    }

    [Fact]
    public async Task The_database_runs_in_write_ahead_log_mode_even_when_copied_from_the_rollback_mode_template()
    {
        Assert.True(app.StartedFromTemplate || TemplateDatabase.Disabled);
        var mode = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            return (string?)await command.ExecuteScalarAsync();
        });
        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_sound_MigrantAid_database_is_refused_and_the_database_is_left_as_it_was()
    {
        var name = UniqueName("Intact");
        await app.AddMigrantAsync("RSK", name, "Awa");
        var junk = Path.Combine(app.DataFolder, "junk.db");
        await File.WriteAllTextAsync(junk, "this is not a database");
        var foreign = Path.Combine(app.DataFolder, "foreign.db");
        await using (var c = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await c.OpenAsync();
            await using var create = c.CreateCommand();
            create.CommandText = "CREATE TABLE Things (Id INTEGER PRIMARY KEY)";
            await create.ExecuteNonQueryAsync();
        }

        foreach (var (file, why) in new[] { (junk, "not a MigrantAid database"), (foreign, "not a MigrantAid database"), (Path.Combine(app.DataFolder, "missing.db"), "no such file") })
        {
            var (ok, message, _) = await WithBackupAsync(app, b => b.RestoreAsync(file, default));
            Assert.False(ok);
            Assert.Contains(why, message, StringComparison.Ordinal);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == name)));
    }
}
