using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;

namespace MigrantAid.Tests.Features.Home;

/// <summary>The operator verbs, run as a real process, as an operator would.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Output)> RunAsync(string folder, string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MigrantAid.Web.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DataFolder"] = folder;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task Migrate_then_create_admin_reading_the_password_from_standard_input()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrantaid-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var migrate = await RunAsync(folder, "", "migrate");
        Assert.True(migrate.Exit == 0, migrate.Output);

        var weak = await RunAsync(folder, "password", "create-admin", "--email", "first.admin@entraide.ma");
        Assert.Equal(1, weak.Exit);

        var created = await RunAsync(folder, "une phrase de passe solide 2026", "create-admin", "--email", "first.admin@entraide.ma");
        Assert.True(created.Exit == 0, created.Output);
        Assert.DoesNotContain("une phrase de passe", created.Output, StringComparison.Ordinal);

        var again = await RunAsync(folder, "une phrase de passe solide 2026", "create-admin", "--email", "first.admin@entraide.ma");
        Assert.Equal(1, again.Exit);

        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "migrantaid.db")}").Options);
        var admins = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == "Administrator")))
            .Select(u => u.Email).ToListAsync();
        Assert.Equal(["first.admin@entraide.ma"], admins);
        Assert.Equal(0, await db.TrainingCentres.CountAsync()); // Production: no demo data
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Demo_data_is_refused_outside_Development()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrantaid-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var refused = await RunAsync(folder, "", "demo-data", "--migrants", "5000");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("only in Development", refused.Output, StringComparison.Ordinal);
        var bad = await RunAsync(folder, "", "demo-data", "--migrants", "many");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("Usage: demo-data", bad.Output, StringComparison.Ordinal);
    }
}
