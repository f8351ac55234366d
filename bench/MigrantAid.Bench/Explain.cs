using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;

namespace MigrantAid.Bench;

/// <summary>--explain: the SQL of each search as the app builds it for the Rabat social worker, and SQLite's plan.</summary>
internal static class Explain
{
    public static async Task PrintAsync(string path, IEnumerable<string> queries)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "bench"),
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "SocialWorker"),
                new System.Security.Claims.Claim(MigrantAid.Web.Infrastructure.Auth.AppClaimTypes.RegionId, "4"),
            ], "bench")),
        };
        var user = new MigrantAid.Web.Infrastructure.Auth.CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = http });
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options, null, user);
        foreach (var q in queries)
        {
            var search = new MigrantAid.Web.Features.Migrants.MigrantSearch { Q = q };
            var query = search.Apply(db, 2026, sensitive: true).OrderByDescending(m => m.Id).Select(m => m.Id).Take(26);
            await using var command = query.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await command.Connection!.OpenAsync();
            Console.WriteLine($"== {q}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("   " + reader.GetString(3));
            }
        }
    }
}
