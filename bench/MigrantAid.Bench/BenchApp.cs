using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Web.Data;

namespace MigrantAid.Bench;

/// <summary>
/// The real app in its production configuration (Production environment: no developer exception
/// page, no DI scope validation, appsettings.Production.json) over the bench's SQLite file, with
/// the demo accounts seeded (Seed:DemoData) and the SQL capture plugged in.
/// </summary>
internal sealed class BenchApp(string folder, SqlCapture capture) : WebApplicationFactory<Program>
{
    public string DbPath => Path.Combine(folder, "migrantaid.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Measure what production runs (issue 13): Development added the developer exception page
        // and DI scope validation to every request. The demo accounts the scenarios sign in with
        // are seeded in production only when asked.
        builder.UseEnvironment("Production");
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("DataFolder", folder);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DbPath}");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // The import logs where its time goes (counts and times only): kept in the bench's log file.
        builder.UseSetting("Serilog:MinimumLevel:Override:MigrantAid.Web.Features.Migrants.MigrantImport", "Information");
        // The import row measures how long a preview takes: the preview's time budget (a guard for
        // users, Import:PreviewSeconds) would stop it at 120 s on a loaded machine before it is measured.
        builder.UseSetting("Import:PreviewSeconds", "3600");
        // The bench rebuilds the figures once itself before it times pages (Program.cs): no background
        // rebuild may start in the middle of a row (it holds the write lock for seconds and competes for the cores).
        builder.UseSetting("Figures:Enabled", "false");
        builder.ConfigureTestServices(s => s.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(capture)));
    }

    /// <summary>Turns two-factor sign-in on for an account (an authenticator key, as the set-up page would) and returns the key.</summary>
    public async Task<string> EnableTwoFactorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MigrantAid.Web.Domain.ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        if (!user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return key!;
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

internal sealed record CapturedCommand(string Text, (string Name, object Value, SqliteType? Type)[] Parameters);

/// <summary>
/// Records the commands EF sends while a sample runs (the bench runs scenario samples one at a
/// time, so a switch is enough), to replay them with a plain SqliteCommand on the same file.
/// </summary>
internal sealed class SqlCapture : DbCommandInterceptor
{
    private readonly Lock gate = new();
    private List<CapturedCommand>? current;

    public void Start()
    {
        lock (gate)
        {
            current = [];
        }
    }

    public List<CapturedCommand> Stop()
    {
        lock (gate)
        {
            var list = current ?? [];
            current = null;
            return list;
        }
    }

    private void Record(DbCommand command)
    {
        lock (gate)
        {
            current?.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>()
                .Select(p => (p.ParameterName, p.Value ?? DBNull.Value, p is SqliteParameter s ? s.SqliteType : (SqliteType?)null)).ToArray()));
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Replays captured commands with plain SqliteCommands on one connection to the same file, inside a transaction rolled back (writes leave nothing).</summary>
internal sealed class SqlReplay(string path) : IDisposable
{
    private readonly SqliteConnection connection = Open(path);

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        return c;
    }

    /// <summary>Milliseconds for the whole list, every row read; a statement the database refuses (a replayed insert hitting a unique key) still counts its time.</summary>
    public double Run(IReadOnlyList<CapturedCommand> commands)
    {
        var writes = commands.Any(c => !c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !c.Text.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase));
        var watch = Stopwatch.StartNew();
        using var transaction = writes ? connection.BeginTransaction() : null;
        foreach (var captured in commands)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = captured.Text;
            foreach (var (name, value, type) in captured.Parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                if (type is { } t)
                {
                    p.SqliteType = t;
                }
                command.Parameters.Add(p);
            }
            try
            {
                using var reader = command.ExecuteReader();
                do
                {
                    while (reader.Read())
                    {
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            _ = reader.GetValue(i);
                        }
                    }
                }
                while (reader.NextResult());
            }
            catch (SqliteException)
            {
                // A replayed insert may hit a unique key the real request just filled.
            }
        }
        transaction?.Rollback();
        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose() => connection.Dispose();
}
