using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Features.Retention;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>Two app hosts over one SQLite file, as two instances behind a proxy: a job lease lets one of them at a time run a job.</summary>
public sealed class JobLeaseTests : IDisposable
{
    private readonly AppFactory first = new();
    private readonly AppFactory second;

    public JobLeaseTests()
    {
        _ = first.Services; // starts it, migrating its file
        second = AppFactory.Restart(first.DataFolder);
        _ = second.Services;
    }

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
    }

    private static async Task<T> WithLeasesAsync<T>(AppFactory app, Func<JobLeases, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
        return await action(scope.ServiceProvider.GetRequiredService<JobLeases>());
    }

    [Fact]
    public async Task One_instance_holds_a_lease_until_it_releases_it_or_it_expires()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var duration = TimeSpan.FromMinutes(5);
        Assert.True(await WithLeasesAsync(first, l => l.TryAcquireAsync(name, duration, default)));
        Assert.False(await WithLeasesAsync(second, l => l.TryAcquireAsync(name, duration, default)));
        // The holder may take it again (a renewal); the other still may not.
        Assert.True(await WithLeasesAsync(first, l => l.RenewAsync(name, duration, default)));
        Assert.False(await WithLeasesAsync(second, l => l.RenewAsync(name, duration, default)));

        // The holder stopped renewing (it crashed): once expired, the other instance takes it over.
        second.Clock.Advance(TimeSpan.FromMinutes(6));
        first.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await WithLeasesAsync(second, l => l.TryAcquireAsync(name, duration, default)));
        Assert.False(await WithLeasesAsync(first, l => l.RenewAsync(name, duration, default)));
        Assert.False(await WithLeasesAsync(first, l => l.TryAcquireAsync(name, duration, default)));

        await WithLeasesAsync(second, async l => { await l.ReleaseAsync(name, default); return 0; });
        Assert.True(await WithLeasesAsync(first, l => l.TryAcquireAsync(name, duration, default)));
    }

    [Fact]
    public async Task Instances_racing_for_a_free_lease_get_exactly_one_winner()
    {
        for (var round = 0; round < 5; round++)
        {
            var name = "race-" + Guid.NewGuid().ToString("N")[..8];
            var attempts = Enumerable.Range(0, 8).Select(i => WithLeasesAsync(i % 2 == 0 ? first : second, l => l.TryAcquireAsync(name, TimeSpan.FromMinutes(5), default)));
            var won = await Task.WhenAll(attempts);
            // A host's own attempts share its instance id (the second is a renewal): the winners are all of one host.
            var winningHosts = won.Select((w, i) => (w, host: i % 2)).Where(x => x.w).Select(x => x.host).Distinct().ToList();
            Assert.Single(winningHosts);
            var holder = await WithLeasesAsync(first, async l => (await l.CurrentAsync(name, default))!.Holder);
            Assert.Equal((winningHosts[0] == 0 ? first : second).Services.GetRequiredService<JobInstance>().Id, holder);
        }
    }

    [Fact]
    public async Task The_retention_job_does_not_run_on_an_instance_while_another_holds_its_lease()
    {
        Assert.True(await WithLeasesAsync(first, l => l.TryAcquireAsync(RetentionJob.LeaseName, RetentionJob.LeaseDuration, default)));
        await using (var scope = second.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(dryRun: true, "command line", default));
        }
        await WithLeasesAsync(first, async l => { await l.ReleaseAsync(RetentionJob.LeaseName, default); return 0; });
        await using (var scope = second.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
            var run = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(dryRun: true, "command line", default);
            Assert.NotNull(run);
            Assert.Null(run.Error);
        }
        SqliteConnection.ClearAllPools();
    }
}
