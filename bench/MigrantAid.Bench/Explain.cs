using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Bench;

/// <summary>
/// --explain: each name search as the list page builds it (planned from its words' counts, see
/// MigrantSearch.PlanAsync) for a Rabat social worker, the national manager and the Alkari
/// director: SQLite's plan of the first page's query (201 ids with the count), and the SQL time
/// of the planned search (counts included) beside the unplanned one (every word's candidates
/// listed, as before issue 13's fix), each run <c>samples</c> times on the file, no app.
/// </summary>
internal static class Explain
{
    public static async Task PrintAsync(string path, IEnumerable<string> queries, int samples)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly").Options;
        int rsk, alkari;
        await using (var db = new SqliteAppDbContext(options, null, User(Roles.NationalManager, null, null)))
        {
            rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            alkari = await db.Users.Where(u => u.Email == "alkari.director@migrantaid.test").Select(u => u.TrainingCentreId ?? 0).SingleAsync();
        }
        var roles = new (string Name, CurrentUser User)[]
        {
            ("social worker, Rabat region", User(Roles.SocialWorker, rsk, null)),
            ("national manager", User(Roles.NationalManager, null, null)),
            ("director, Alkari centre", User(Roles.CentreDirector, rsk, alkari)),
        };
        var all = new List<(double Before, double After)>();
        foreach (var (name, user) in roles)
        {
            Console.WriteLine($"#### {name}");
            var perRole = new List<(double Before, double After)>();
            await using var db = new SqliteAppDbContext(options, null, user);
            foreach (var q in queries)
            {
                var planned = new MigrantSearch { Q = q };
                await planned.PlanAsync(db, user.Scope, default);
                var sql = FirstPage(db, planned, user).ToQueryString();
                Console.WriteLine($"== {q}");
                foreach (var step in await PlanOfAsync(db, sql))
                {
                    Console.WriteLine("   " + step);
                }
                var before = new List<double>();
                var after = new List<double>();
                for (var i = 0; i < samples; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await FirstPage(db, new MigrantSearch { Q = q }, user).ToListAsync();
                    before.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    var search = new MigrantSearch { Q = q };
                    await search.PlanAsync(db, user.Scope, default);
                    var walks = search.Walks;
                    var (_, page) = await search.PageAsync(db, user.Scope, 2026, MigrantAccess.MaySeeSensitive(user), MigrantsController.PageSize, default);
                    after.Add(watch.Elapsed.TotalMilliseconds);
                    perRole.Add((before[^1], after[^1]));
                    if (i == 0)
                    {
                        Console.WriteLine($"   {page.Ids.Count} ids, count {page.Count?.Count}{(page.Count?.More == true ? "+" : "")}"
                            + (walks ? search.Walks ? $", found among the {MigrantSearch.WalkedFiles:N0} newest files" : ", not enough among the newest files: made again from the candidates" : ""));
                    }
                }
                Console.WriteLine($"   SQL unplanned p50 {P(before, 0.5):N1} ms p95 {P(before, 0.95):N1} | planned (counts included) p50 {P(after, 0.5):N1} ms p95 {P(after, 0.95):N1}");
            }
            Console.WriteLine($"## {name}: unplanned p50 {P(perRole.Select(x => x.Before), 0.5):N1} p95 {P(perRole.Select(x => x.Before), 0.95):N1} ms | planned p50 {P(perRole.Select(x => x.After), 0.5):N1} p95 {P(perRole.Select(x => x.After), 0.95):N1} ms");
            all.AddRange(perRole);
        }
        Console.WriteLine($"## all roles: unplanned p50 {P(all.Select(x => x.Before), 0.5):N1} p95 {P(all.Select(x => x.Before), 0.95):N1} ms | planned p50 {P(all.Select(x => x.After), 0.5):N1} p95 {P(all.Select(x => x.After), 0.95):N1} ms");
    }

    /// <summary>The list page's first query: up to 201 ids in the default order (newest first), in the user's scope.</summary>
    private static IQueryable<int> FirstPage(AppDbContext db, MigrantSearch search, CurrentUser user) =>
        MigrantSearch.ForScope(search.Apply(db, 2026, MigrantAccess.MaySeeSensitive(user)), db, user.Scope)
            .OrderByDescending(m => m.Id).Select(m => m.Id).TakeConstant(MigrantResultCount.Cap + 1);

    private static async Task<List<string>> PlanOfAsync(AppDbContext db, string sql)
    {
        // EF prints the parameters as ".param set @name value" lines: bind them as parameters (the plan is made without their values, as in the app).
        var lines = sql.Split('\n');
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var p in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p[2];
            parameter.Value = p[3].Trim() is var v && v.StartsWith('\'') ? v.Trim('\'') : long.TryParse(v, out var n) ? n : v;
            command.Parameters.Add(parameter);
        }
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return steps;
    }

    private static double P(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static CurrentUser User(string role, int? region, int? centre)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "bench"), new(ClaimTypes.Role, role) };
        if (region is { } r)
        {
            claims.Add(new(AppClaimTypes.RegionId, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (centre is { } c)
        {
            claims.Add(new(AppClaimTypes.CentreId, c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")) };
        return new CurrentUser(new FixedAccessor(http));
    }

    /// <summary>One context per user: the framework's accessor shares one AsyncLocal between all its instances.</summary>
    private sealed class FixedAccessor(Microsoft.AspNetCore.Http.HttpContext context) : Microsoft.AspNetCore.Http.IHttpContextAccessor
    {
        public Microsoft.AspNetCore.Http.HttpContext? HttpContext { get; set; } = context;
    }
}
