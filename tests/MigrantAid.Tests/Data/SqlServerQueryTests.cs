using System.Data;
using System.Data.Common;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Audit;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Data;

/// <summary>
/// The SQL Server side of the bench (issue 13), without a server: the T-SQL that the bench
/// scenarios' main queries send is captured from a SQL Server context whose connection is never
/// opened (an interceptor answers every command with no rows), then checked for sargable
/// predicates — no function wrapped around an indexed column, no leading wildcard, the searches
/// as ranges — and the indexes each one needs are looked up in the SQL Server migration.
/// </summary>
public sealed class SqlServerQueryTests
{
    private static readonly Regex FunctionOnColumn = new(
        @"\b(UPPER|LOWER|LTRIM|RTRIM|TRIM|CONVERT|CAST|COALESCE|ISNULL|SUBSTRING|LEFT|RIGHT|LEN|DATEPART|YEAR|MONTH|DAY|CHARINDEX|REPLACE)\s*\(\s*\[\w+\]\.\[(?<column>\w+)\]",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    [Theory]
    [InlineData("RSK-2019-00012", "FileNumber")]
    [InlineData("aissatou dialo", "Token")]
    [InlineData("عائشة", "Token")]
    [InlineData("06123", "PhoneKey")]
    public async Task A_registry_search_is_an_index_range_on_SQL_Server(string q, string rangeColumn)
    {
        var sql = await CaptureAsync(Roles.SocialWorker, async db =>
            await new MigrantSearch { Q = q }.Apply(db, 2026, sensitive: true).OrderByDescending(m => m.Id).Select(m => m.Id).Take(26).ToListAsync());
        AssertSargable(sql);
        Assert.Matches($@"\[{rangeColumn}\] >= @\w+", sql);
        Assert.Matches($@"\[{rangeColumn}\] < @\w+", sql);
    }

    /// <summary>
    /// The prefix bound (<see cref="NameKey.PrefixUpperBound"/>) increments the last character,
    /// which is right in code-point order only. Under the server's default
    /// SQL_Latin1_General_CP1_CI_AS (and an Arabic one, Arabic_CI_AS: the same Windows sorting
    /// rules for nvarchar) punctuation sorts before digits and letters: "RSK-2019" → "RSK-201:"
    /// and "aziz" → "azi{" sort below "RSK-2019-000001" and "aziza", and the hyphen of "RSK-2026-"
    /// is a word-sort character (almost ignored), so "RSK-2026." sorts below its own file numbers —
    /// such prefixes found nothing. The searched key columns therefore carry a binary collation in
    /// the SQL Server model and migration; a column's collation takes precedence over the
    /// database default for a comparison with a parameter (whose collation is only
    /// coercible-default), so the range is evaluated in code-point order whatever the server's or
    /// the database's collation, Latin or Arabic.
    /// </summary>
    [Theory]
    [InlineData("Migrants", "FileNumber")]
    [InlineData("Migrants", "ResidenceCardNumber")]
    [InlineData("Migrants", "UnhcrNumber")]
    [InlineData("Migrants", "PhoneKey")]
    [InlineData("MigrantNameTokens", "Token")]
    public void A_prefix_searched_column_compares_by_code_point_on_SQL_Server(string table, string column)
    {
        using var db = SqlServer(null);
        var migrations = db.GetService<IMigrationsAssembly>();
        var created = migrations.Migrations.Values
            .Select(t => migrations.CreateMigration(t, db.Database.ProviderName!))
            .SelectMany(m => m.UpOperations).OfType<CreateTableOperation>()
            .Single(t => t.Name == table).Columns.Single(c => c.Name == column);
        Assert.Equal(SqlServerAppDbContext.KeyCollation, created.Collation);
        Assert.Matches("_BIN2$", created.Collation!);
    }

    [Theory]
    [InlineData("RSK-2019")]
    [InlineData("RSK-2026-")]
    [InlineData("RSK-2026-00012")]
    [InlineData("aziz")]
    [InlineData("AZIZ")]
    [InlineData("0612349")]
    [InlineData("عزي")]
    [InlineData("محمد")]
    [InlineData("ة")]
    public void The_prefix_bound_holds_every_value_with_the_prefix_and_no_other_in_code_point_order(string prefix)
    {
        // BIN2 compares nvarchar by code point (UTF-16 code units for these BMP keys): string.CompareOrdinal.
        var bound = NameKey.PrefixUpperBound(prefix);
        string[] tails = ["", "0", "000001", "9", "999999", "-", "a", "z", "Z", "zz", "ي", "ا", "ـ", "~"];
        foreach (var tail in tails)
        {
            var value = prefix + tail;
            Assert.True(string.CompareOrdinal(value, prefix) >= 0 && string.CompareOrdinal(value, bound) < 0, $"{value} outside [{prefix}, {bound})");
        }
        // Values without the prefix on either side stay out.
        var before = prefix[..^1] + (char)(prefix[^1] - 1) + "zzz";
        var after = bound + "0";
        Assert.False(string.CompareOrdinal(before, prefix) >= 0 && string.CompareOrdinal(before, bound) < 0, before);
        Assert.False(string.CompareOrdinal(after, prefix) >= 0 && string.CompareOrdinal(after, bound) < 0, after);
    }

    [Theory]
    [InlineData("RSK-2019", "FileNumber")]
    [InlineData("aziz", "Token")]
    [InlineData("عزي", "Token")]
    public async Task A_prefix_range_is_compared_in_the_column_collation_not_a_COLLATE_of_the_query(string q, string column)
    {
        var sql = await CaptureAsync(Roles.SocialWorker, async db =>
            await new MigrantSearch { Q = q }.Apply(db, 2026, sensitive: true).OrderByDescending(m => m.Id).Select(m => m.Id).Take(26).ToListAsync());
        Assert.Matches($@"\[{column}\] >= @\w+ AND \[\w+\]\.\[{column}\] < @\w+", sql);
        Assert.DoesNotContain("COLLATE", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_main_queries_of_the_bench_scenarios_are_sargable_on_SQL_Server()
    {
        var today = new DateOnly(2026, 11, 16);
        var queries = new Dictionary<string, (string Role, Func<AppDbContext, Task> Run)>
        {
            ["migrant list, social worker"] = (Roles.SocialWorker, async db =>
                await MigrantPaging.PageAsync(db, new MigrantSearch().Apply(db, 2026, true), new MigrantSearch(), 25, default)),
            ["migrant list, centre director"] = (Roles.CentreDirector, async db =>
                await MigrantPaging.PageAsync(db, MigrantSearch.ForScope(new MigrantSearch().Apply(db, 2026, false), db, Scope(Roles.CentreDirector)), new MigrantSearch(), 25, default)),
            ["case file"] = (Roles.SocialWorker, async db =>
            {
                await db.Migrants.Where(m => m.Id == 42).Select(m => new { m.Id, m.FileNumber, m.FamilyName }).SingleOrDefaultAsync();
                await db.CaseNotes.Where(n => n.MigrantId == 42).OrderByDescending(n => n.Date).Take(50).ToListAsync();
                await db.Needs.Where(n => n.MigrantId == 42).ToListAsync();
                await db.HouseholdMembers.Where(h => h.MigrantId == 42).ToListAsync();
            }),
            ["registration duplicate check"] = (Roles.SocialWorker, async db =>
            {
                var m = new Migrant { FamilyName = "Diallo", GivenName = "Aïssatou", NationalityId = 3, BirthYear = 1995 };
                m.UpdateSearchKeys();
                await new MigrantRegistry(db, TimeProvider.System).FindDuplicatesAsync(m, null, default);
            }),
            ["risk list of a region"] = (Roles.RegionalManager, async db =>
                await new RiskList(db, Options.Create(new TrainingOptions()), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero))).ForAsync(null, 4, default)),
            ["enrolment list of a region"] = (Roles.RegionalManager, async db =>
            {
                var query = db.Enrolments.Where(e => e.RegionId == 4);
                await query.Take(10_001).CountAsync();
                await query.OrderByDescending(e => e.AcademicYear).ThenBy(e => e.Migrant!.FamilyName).ThenBy(e => e.Id).Take(25)
                    .Select(e => new { e.Id, e.Migrant!.FamilyName, e.TrainingCentre!.Name }).ToListAsync();
            }),
            ["audit trail"] = (Roles.Administrator, async db =>
            {
                await db.AuditEntries.Where(a => a.Id < 1000).OrderByDescending(a => a.Id).Take(51).ToListAsync();
                // The kind filter lists the labelled kinds (no DISTINCT over the trail); filtering by one is an index seek.
                await db.AuditEntries.Where(a => a.EntityType == "Migrant" && a.Id < 1000).OrderByDescending(a => a.Id).Take(51).ToListAsync();
            }),
            // The retention job's search for closed case files: a range on the last write, the open records as NOT EXISTS seeks.
            ["retention: closed case files"] = (Roles.Administrator, async db =>
                await MigrantAid.Web.Features.Retention.RetentionJob.ClosedCaseFiles(db, new DateTimeOffset(2021, 11, 16, 0, 0, 0, TimeSpan.Zero), new DateOnly(2021, 11, 16))
                    .Take(500).ToListAsync()),
            ["dashboard counts"] = (Roles.NationalManager, async db =>
            {
                var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
                var end = start.AddMonths(1);
                await db.Migrants.Where(m => m.MergedIntoId == null && m.CreatedAt >= start && m.CreatedAt < end)
                    .GroupBy(m => m.AdministrativeStatus).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                await db.Enrolments.Where(e => e.DroppedOutOn >= today.AddYears(-1) && e.DroppedOutOn <= today).GroupBy(e => e.DropoutReason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            }),
        };
        foreach (var (name, (role, run)) in queries)
        {
            var sql = await CaptureAsync(role, run);
            Assert.False(string.IsNullOrWhiteSpace(sql), name);
            AssertSargable(sql, name);
        }
    }

    [Fact]
    public async Task The_retention_jobs_search_for_closed_files_compares_the_last_write_as_ranges_on_SQL_Server()
    {
        var sql = await CaptureAsync(Roles.Administrator, async db =>
            await MigrantAid.Web.Features.Retention.RetentionJob.ClosedCaseFiles(db, new DateTimeOffset(2021, 11, 16, 0, 0, 0, TimeSpan.Zero), new DateOnly(2021, 11, 16))
                .Take(500).ToListAsync());
        AssertSargable(sql, "retention");
        Assert.DoesNotContain("COALESCE", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"\[m\]\.\[CreatedAt\] < @\w+", sql);
        Assert.Matches(@"\[m\]\.\[UpdatedAt\] < @\w+", sql);
        Assert.Contains("NOT EXISTS", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_risk_list_reads_the_stored_states_of_the_region_with_a_reason()
    {
        var sql = await CaptureAsync(Roles.RegionalManager, async db =>
            await new RiskList(db, Options.Create(new TrainingOptions()), TimeProvider.System).ForAsync(null, 4, default));
        Assert.Matches(@"FROM \[EnrolmentRisks\] AS \[\w+\]", sql);
        Assert.Matches(@"\[ReasonCount\] > 0", sql);
        Assert.Matches(@"\[RegionId\] = @\w+", sql);
    }

    [Fact]
    public async Task The_risk_rules_send_their_people_as_a_subquery_not_as_thousands_of_parameters()
    {
        // The rules as evaluated live (enrolments without a state valid today) and by the stored-state refresh.
        var sql = await CaptureAsync(Roles.RegionalManager, async db =>
            await RiskRules.EvaluateAsync(db, db.Enrolments.Where(e => e.RegionId == 4), new DateOnly(2026, 11, 16), 0.7, default));
        AssertSargable(sql, "risk rules");
        Assert.Contains("IN (", sql, StringComparison.Ordinal);
        // The names of the people found at risk travel as one JSON parameter (OPENJSON), never one parameter per person.
        Assert.True(Regex.Count(sql, "OPENJSON") <= 1, sql);
        Assert.True(Regex.Count(sql, @"@\w+") < 100, sql);
    }

    [Theory]
    [InlineData("Migrants", "FileNumber")]
    [InlineData("Migrants", "PhoneKey")]
    [InlineData("Migrants", "ResidenceCardNumber")]
    [InlineData("Migrants", "UnhcrNumber")]
    [InlineData("Migrants", "FamilyNameKey", "GivenNameKey", "NationalityId")]
    [InlineData("Migrants", "RegionId", "Id")]
    [InlineData("Migrants", "CreatedAt", "AdministrativeStatus")]
    [InlineData("Migrants", "RegionId", "CreatedAt", "AdministrativeStatus")]
    [InlineData("MigrantNameTokens", "Token", "MigrantId")]
    [InlineData("CaseNotes", "MigrantId", "Date")]
    [InlineData("Needs", "MigrantId", "OpenedOn")]
    [InlineData("Enrolments", "TrainingCentreId", "AcademicYear", "Status")]
    [InlineData("Enrolments", "RegionId", "Status")]
    [InlineData("Enrolments", "MigrantId", "Status")]
    [InlineData("Enrolments", "DroppedOutOn")]
    [InlineData("Enrolments", "StartDate")]
    [InlineData("Enrolments", "RegionId", "AcademicYear", "TrainingCentreId", "Status")]
    [InlineData("EnrolmentRisks", "RegionId", "TrainingCentreId", "ReasonCount")]
    [InlineData("MonthlyAttendance", "EnrolmentId", "Year", "Month")]
    [InlineData("AuditEntries", "EntityType", "EntityKey")]
    [InlineData("AuditEntries", "UserName")]
    [InlineData("AuditEntries", "Action")]
    public void The_SQL_Server_migration_creates_the_index_a_scenario_needs(string table, params string[] columns)
    {
        using var db = SqlServer(null);
        var migrations = db.GetService<IMigrationsAssembly>();
        var indexes = migrations.Migrations.Values
            .Select(t => migrations.CreateMigration(t, db.Database.ProviderName!))
            .SelectMany(m => m.UpOperations)
            .SelectMany(o => o switch
            {
                CreateIndexOperation i when i.Table == table => [i.Columns],
                // A clustered primary key serves a range on its leading columns too.
                CreateTableOperation t when t.Name == table && t.PrimaryKey is { } key => [key.Columns],
                _ => Array.Empty<string[]>(),
            })
            .ToList();
        Assert.Contains(indexes, c => c.Take(columns.Length).SequenceEqual(columns));
    }

    private static void AssertSargable(string sql, string? name = null)
    {
        using var db = SqlServer(null);
        var indexed = db.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()).Select(i => i.Properties[0].GetColumnName())
            .Concat(["Id"]).ToHashSet(StringComparer.Ordinal);
        // Predicates only: the WHERE clauses (to their ORDER BY or GROUP BY) and the join conditions.
        var predicates = Regex.Matches(sql, @"\bWHERE\b[\s\S]*?(?=\bORDER BY\b|\bGROUP BY\b|$)|\bON\b[^\n]*").Select(x => x.Value);
        foreach (var predicate in predicates)
        {
            foreach (Match m in FunctionOnColumn.Matches(predicate))
            {
                Assert.False(indexed.Contains(m.Groups["column"].Value), $"{name}: a function on an indexed column in a predicate: {m.Value}\n{sql}");
            }
        }
        Assert.DoesNotMatch(@"LIKE N?'%", sql);
    }

    /// <summary>The T-SQL of every command the action sends, through a SQL Server context that never connects.</summary>
    private static async Task<string> CaptureAsync(string role, Func<AppDbContext, Task> action)
    {
        var capture = new CaptureCommands();
        await using var db = SqlServer(User(role), capture);
        try
        {
            await action(db);
        }
        catch (InvalidOperationException)
        {
            // Single() over no rows: the SQL was captured before.
        }
        return string.Join("\n;\n", capture.Commands);
    }

    private static AccessScope Scope(string role) => User(role).Scope;

    private static CurrentUser User(string role)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "sqlserver-test"), new(ClaimTypes.Role, role) };
        if (role is Roles.SocialWorker or Roles.RegionalManager or Roles.CentreDirector)
        {
            claims.Add(new(AppClaimTypes.RegionId, "4"));
        }
        if (role == Roles.CentreDirector)
        {
            claims.Add(new(AppClaimTypes.CentreId, "7"));
        }
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        return new CurrentUser(new HttpContextAccessor { HttpContext = http });
    }

    private static SqlServerAppDbContext SqlServer(CurrentUser? user, IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unused;Database=MigrantAid;TrustServerCertificate=True", DatabaseSetup.SqlServerOptions);
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }
        return new SqlServerAppDbContext(options.Options, null, user);
    }

    /// <summary>Keeps the connection closed and answers every command with no rows, recording its text.</summary>
    private sealed class CaptureCommands : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()));
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    }
}
