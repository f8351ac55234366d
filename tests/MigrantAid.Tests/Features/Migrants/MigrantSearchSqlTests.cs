using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Features.Migrants;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>The search must stay index-friendly on a million files: range scans on stored keys, no LIKE '%x%', no lower().</summary>
public sealed class MigrantSearchSqlTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("aissatou dialo")]
    [InlineData("عائشة")]
    [InlineData("RSK-2026-0001")]
    [InlineData("0612345678")]
    public async Task The_search_is_translated_to_range_comparisons_on_indexed_columns(string q)
    {
        var sql = await app.WithDbAsync(db => Task.FromResult(new MigrantSearch { Q = q }.Apply(db, 2026, sensitive: true).ToQueryString()));
        Assert.DoesNotContain("LIKE", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lower(", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("instr(", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">=", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_words_are_looked_up_in_the_token_table_through_its_index()
    {
        var plan = await app.WithDbAsync(async db =>
        {
            var sql = new MigrantSearch { Q = "diallo" }.Apply(db, 2026, sensitive: true).Select(m => m.Id).ToQueryString();
            // Inline the parameters to ask SQLite for the plan of this very statement.
            var lines = sql.Split('\n');
            var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
            foreach (var p in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)))
            {
                var parts = p.Split(' ', 4);
                body = body.Replace(parts[2], parts[3], StringComparison.Ordinal);
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
        });
        Assert.Contains("INDEX sqlite_autoindex_MigrantNameTokens_1 (Token>? AND Token<?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }
}
