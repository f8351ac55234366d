using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Infrastructure;

/// <summary>
/// Operator verbs: <c>migrate</c> applies the migrations of the configured provider and
/// seeds reference data; <c>create-admin --email x</c> creates the first Administrator,
/// reading the password from standard input (never from the command line);
/// <c>demo-data --migrants N</c> (Development only) generates the demo with N people;
/// <c>refresh-figures</c> rebuilds the dashboard figures now;
/// <c>retention [--dry-run]</c> applies the retention periods now (or only reports what it would do);
/// <c>backup --to DIR</c> copies the live SQLite database; <c>restore --from FILE</c> checks a copy and brings it back.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string verb) => verb is "migrate" or "create-admin" or "demo-data" or "retention" or "refresh-figures" or "backup" or "restore";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var output = Console.Out;
        switch (args[0])
        {
            case "migrate":
            {
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("command line: migrate");
                    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
                }
                await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
                await output.WriteLineAsync("Database migrated and reference data seeded.");
                return 0;
            }
            case "create-admin":
            {
                var index = Array.IndexOf(args, "--email");
                var email = index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
                if (string.IsNullOrWhiteSpace(email))
                {
                    await Console.Error.WriteLineAsync("Usage: create-admin --email someone@example.org  (password on standard input)");
                    return 2;
                }
                await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
                var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("command line: create the first administrator");
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                if (await users.FindByEmailAsync(email) is not null)
                {
                    await Console.Error.WriteLineAsync($"A user with e-mail {email} already exists.");
                    return 1;
                }
                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow() };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
                    return 1;
                }
                await users.AddToRoleAsync(user, Roles.Administrator);
                await output.WriteLineAsync($"Administrator {email} created.");
                return 0;
            }
            case "demo-data":
            {
                var index = Array.IndexOf(args, "--migrants");
                var migrants = DemoDataOptions.DefaultMigrants;
                if (index >= 0 && (index + 1 >= args.Length
                    || !int.TryParse(args[index + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out migrants)))
                {
                    await Console.Error.WriteLineAsync("Usage: demo-data [--migrants 5000]");
                    return 2;
                }
                // Demo accounts share a published password: never outside Development (or an explicit demo set-up).
                if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue<bool>("Seed:DemoData"))
                {
                    await Console.Error.WriteLineAsync("Demo data is generated only in Development (ASPNETCORE_ENVIRONMENT=Development).");
                    return 2;
                }
                await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment, new DemoDataOptions(migrants));
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("command line: count the demo data");
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var people = await db.Migrants.CountAsync();
                var enrolments = await db.Enrolments.CountAsync();
                await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Demo data: {people} migrants, {enrolments} enrolments."));
                return 0;
            }
            case "retention":
            {
                var dryRun = args.Contains("--dry-run");
                await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("command line: retention");
                var run = await scope.ServiceProvider.GetRequiredService<Features.Retention.RetentionJob>().RunAsync(dryRun, "command line", CancellationToken.None);
                if (run is null)
                {
                    await Console.Error.WriteLineAsync("Another app instance is running the retention job now (it holds the lease); try again later.");
                    return 1;
                }
                await output.WriteLineAsync(dryRun ? "Retention dry run: nothing was changed. It would:" : "Retention run:");
                foreach (var line in Features.Retention.RetentionJob.Lines(run))
                {
                    await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"  {line.Kind,-18} {line.Action,-13} {line.Count,8}  older than {line.Cutoff:yyyy-MM-dd}"));
                }
                if (run.Error is not null)
                {
                    await Console.Error.WriteLineAsync("The run stopped on an error: " + run.Error);
                    return 1;
                }
                return 0;
            }
            case "refresh-figures":
            {
                await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("command line: refresh the dashboard figures");
                var refresh = await scope.ServiceProvider.GetRequiredService<Features.Dashboard.FiguresRefresher>().RefreshAsync(CancellationToken.None);
                if (refresh is null)
                {
                    await Console.Error.WriteLineAsync("Another app instance is refreshing the dashboard figures now (it holds the lease); try again later.");
                    return 1;
                }
                await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Dashboard figures refreshed: {refresh.Rows} rows in {refresh.DurationMs} ms."));
                return 0;
            }
            case "backup":
            {
                var to = Option(args, "--to");
                if (string.IsNullOrWhiteSpace(to))
                {
                    await Console.Error.WriteLineAsync("Usage: backup --to DIR");
                    return 2;
                }
                await using var scope = app.Services.CreateAsyncScope();
                var file = await scope.ServiceProvider.GetRequiredService<Resilience.DatabaseBackup>().BackupAsync(to, CancellationToken.None);
                await output.WriteLineAsync($"Backup written and checked: {file}");
                return 0;
            }
            case "restore":
            {
                var from = Option(args, "--from");
                if (string.IsNullOrWhiteSpace(from))
                {
                    await Console.Error.WriteLineAsync("Usage: restore --from FILE");
                    return 2;
                }
                await using var scope = app.Services.CreateAsyncScope();
                var (ok, message, safety) = await scope.ServiceProvider.GetRequiredService<Resilience.DatabaseBackup>().RestoreAsync(from, CancellationToken.None);
                if (!ok)
                {
                    await Console.Error.WriteLineAsync($"Not restored: {message.TrimEnd('.')}. The database was not changed.");
                    return 1;
                }
                await output.WriteLineAsync($"Restored from {from}. The previous content is kept in {safety}.");
                return 0;
            }
            default:
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
