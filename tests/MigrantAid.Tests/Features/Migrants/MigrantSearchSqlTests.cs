using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>The search must stay index-friendly on a million files: range scans on stored keys, no LIKE '%x%', no lower().</summary>
public sealed class MigrantSearchSqlTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("aissatou dialo")]
    [InlineData("عائشة")]
    [InlineData("RSK-2026-0001")]
    [InlineData("0612345678")]
    [InlineData("محمد")]
    [InlineData("Mohamed traore")]
    public async Task The_search_is_translated_to_range_comparisons_on_indexed_columns(string q)
    {
        var sql = await app.WithDbAsync(db => Task.FromResult(new MigrantSearch { Q = q }.Apply(db, 2026, sensitive: true).ToQueryString()));
        Assert.DoesNotContain("LIKE", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lower(", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("instr(", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">=", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diallo")]
    // Cross-script: the same-script token range and the other script's skeleton range (or seek), united.
    [InlineData("محمد")]
    [InlineData("mohamed")]
    [InlineData("عائشة")]
    [InlineData("تراوري ديالو")]
    public async Task Name_words_are_looked_up_in_the_token_table_through_its_index(string q)
    {
        var plan = await PlanAsync(q);
        Assert.Contains("INDEX sqlite_autoindex_MigrantNameTokens_1 (Token>? AND Token<?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RSK-2026-0000")]
    [InlineData("rsk-2026")]
    public async Task A_partial_file_number_is_a_range_on_the_file_number_index(string q)
    {
        var plan = await PlanAsync(q);
        Assert.Contains("IX_Migrants_FileNumber (FileNumber>? AND FileNumber<?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_file_number_is_one_seek_on_the_unique_index()
    {
        var sql = await app.WithDbAsync(db => Task.FromResult(new MigrantSearch { Q = "rsk-2026-000123" }.Apply(db, 2026, sensitive: true).ToQueryString()));
        Assert.DoesNotContain("UNION", sql, StringComparison.Ordinal);
        Assert.Contains("'RSK-2026-000123'", sql, StringComparison.Ordinal);
        var plan = await PlanAsync("RSK-2026-000123");
        Assert.Contains("IX_Migrants_FileNumber (FileNumber=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nationalities_in_use_are_read_from_an_index_alone()
    {
        var rsk = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync());
        var national = new AccessScope(ScopeKind.National, new HashSet<string>(), null, null, new HashSet<int>());
        var regional = new AccessScope(ScopeKind.Region, new HashSet<string>(), rsk, null, new HashSet<int>());
        foreach (var scope in new[] { national, regional })
        {
            var plan = await app.WithDbAsync(db => ExplainAsync(db, NationalitiesInUse.NationalityIds(db, scope).Distinct().ToQueryString()));
            Assert.True(plan.Contains("COVERING INDEX", StringComparison.Ordinal), plan);
            Assert.DoesNotContain("Enrolments", plan, StringComparison.Ordinal);
        }
    }

    private Task<string> PlanAsync(string q) => app.WithDbAsync(async db =>
        await ExplainAsync(db, new MigrantSearch { Q = q }.Apply(db, 2026, sensitive: true).Select(m => m.Id).ToQueryString()));

    /// <summary>SQLite's plan of a statement EF printed (parameters inlined), steps joined by " | ".</summary>
    private static async Task<string> ExplainAsync(Microsoft.EntityFrameworkCore.DbContext db, string sql)
    {
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        // Longest names first, so that @p1 does not replace the start of @p10.
        foreach (var p in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)).OrderByDescending(p => p[2].Length))
        {
            body = body.Replace(p[2], p[3], StringComparison.Ordinal);
        }
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + body;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return string.Join(" | ", steps);
    }
}
