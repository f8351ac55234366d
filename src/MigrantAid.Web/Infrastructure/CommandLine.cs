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
/// reading the password from standard input (never from the command line).
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string verb) => verb is "migrate" or "create-admin";

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
            default:
                return 2;
        }
    }
}
