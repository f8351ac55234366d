using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>
/// Injects database faults with an EF command interceptor registered only here: a write that
/// fails as if the disk were full or the file locked past the busy timeout.
/// </summary>
public sealed class FaultInjector : DbCommandInterceptor
{
    /// <summary>SQLite error code to fail matching commands with (13 full, 5 busy), or 0 for none.</summary>
    public int FailWith { get; set; }
    /// <summary>Which commands fail: those whose text contains this.</summary>
    public string Matching { get; set; } = "INSERT INTO \"AuditEntries\"";

    private void Throw(DbCommand command)
    {
        if (FailWith is not 0 and var code && command.CommandText.Contains(Matching, StringComparison.Ordinal))
        {
            throw new SqliteException(code == 13 ? "database or disk is full" : "database is locked", code);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Throw(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Throw(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Throw(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Throw(command);
        return ValueTask.FromResult(result);
    }
}

public sealed class DatabaseFaultTests(DatabaseFaultTests.FaultyApp app) : IClassFixture<DatabaseFaultTests.FaultyApp>
{
    public sealed class FaultyApp : AppFactory
    {
        public FaultInjector Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Faults)));
        }
    }

    [Theory]
    [InlineData(13, "INSERT INTO \"AuditEntries\"")]
    [InlineData(5, "INSERT INTO \"Migrants\"")]
    public async Task A_registration_that_meets_a_full_or_locked_database_says_so_saves_nothing_and_turns_readiness_red(int code, string failing)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        var rsk = await app.RegionIdAsync("RSK");
        var family = UniqueName("Panne");
        var form = await client.GetFormAsync("/Migrants/Create?culture=fr", "/Migrants/Create");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        app.Faults.Matching = failing;
        app.Faults.FailWith = code;
        HttpResponseMessage response;
        try
        {
            response = await form.SubmitAsync(Form(rsk, family, "Awa"));
        }
        finally
        {
            app.Faults.FailWith = 0;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("La base de données est momentanément indisponible", html, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", html, StringComparison.Ordinal);
        // One transaction: the file written before the audit entry failed was rolled back with it.
        Assert.Equal(0, await app.WithDbAsync(db => db.Migrants.CountAsync(m => m.FamilyName == family)));

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Unhealthy", await ready.ReadTextAsync(), StringComparison.Ordinal);

        // The fault is over and a minute passed: ready again, and the same registration saves.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var (_, id) = await client.RegisterAsync(Form(rsk, family, "Awa"));
        Assert.NotNull(id);
    }

    [Fact]
    public async Task Readiness_is_red_while_the_database_takes_no_write()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        app.Faults.Matching = "SELECT 1";
        app.Faults.FailWith = 5;
        try
        {
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            app.Faults.FailWith = 0;
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
