using Microsoft.Data.Sqlite;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>
/// A migrated and seeded SQLite database (Development: reference data, 1,600 demo centres, demo
/// accounts), built once per test run by the app's own start-up and copied into each test
/// class's data folder before its app starts, so that the app's start-up seeding finds
/// nothing to do. Seeding from scratch is still tested: it is how the template is built, and
/// the Production-environment tests start empty.
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// MIGRANTAID_TEST_TEMPLATE=off: every class seeds its own database at start-up, as before
    /// the template (to measure what the template saves, or to debug seeding).
    /// </summary>
    public static bool Disabled => string.Equals(Environment.GetEnvironmentVariable("MIGRANTAID_TEST_TEMPLATE"), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The template file; the first caller builds it, the others wait for it.</summary>
    public static string FilePath => Template.Value;

    private static string Build()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrantaid-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using (var app = AppFactory.ForTemplate(folder))
        {
            _ = app.Services; // starts the app: migrate, then seed
        }
        SqliteConnection.ClearAllPools();
        var template = Path.Combine(folder, "template.db");
        // VACUUM INTO writes one self-contained, compact file (nothing left in a -wal file).
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "migrantaid.db")};Pooling=False");
        connection.Open();
        using (var keys = connection.CreateCommand())
        {
            // Each app makes its own data-protection key, as a new installation does (and encrypts
            // it when a test configures a certificate): none is shared from the template.
            keys.CommandText = "DELETE FROM DataProtectionKeys";
            keys.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", template);
        command.ExecuteNonQuery();
        return template;
    }
}
